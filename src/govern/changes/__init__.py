"""Changes between two revisions of the governed files: the taxonomy of
PRODUCT.md section 3, pair handlers that compare a contract (or metric) with
its previous self, and the notice policy that decides whether a breaking
change may land."""
