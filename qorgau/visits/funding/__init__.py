"""Funding of visits (reimbursement, budget) and the annual consolidated report."""
