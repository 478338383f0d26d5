"""dbt metrics resolved to SQL: now ``govern.load.dbt.formulas`` (metric ->
SQL) and ``govern.load.dbt.catalog_metrics`` (-> catalog metrics). Kept so that
``from govern.load import dbt_sql`` and ``dbt_sql.resolve`` still read as before."""

from govern.load.dbt.catalog_metrics import resolve
from govern.load.dbt.formulas import Unresolved

__all__ = ["Unresolved", "resolve"]
