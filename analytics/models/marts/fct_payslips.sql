-- One row per payslip, from the payroll.payslip.generated stream (upserted on payslip_id).
select
    payslip_id,
    worker_id,
    pay_period,
    corrected_after_generation
from {{ source('payroll', 'payslip_generated') }}
