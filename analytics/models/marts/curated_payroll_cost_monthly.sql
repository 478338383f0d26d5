-- Payroll cost per cost centre and month: the dataset of contract payroll.cost.allocated.
select cost_centre, month, sum(amount) as payroll_cost
from {{ source('payroll', 'cost_allocated') }}
group by 1, 2
