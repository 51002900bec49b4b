from django.dispatch import Signal

# Sent inside the writing transaction, once per new ledger row, with ``activity=``.
# Receivers that act on the committed row defer their work with ``transaction.on_commit``.
activity_recorded = Signal()
