"""Signals of medical records, for apps that wait for an examination.

`examination_recorded` is sent inside the transaction that records the
examination, so a receiver's writes commit or roll back with it. Keyword
arguments: examination (the saved Examination, injuries included), actor.
Receivers may read when, where, of whom and of what kind the examination was;
its content (account, findings, injuries) is medical secrecy and stays here.
"""

from django.dispatch import Signal

examination_recorded = Signal()
