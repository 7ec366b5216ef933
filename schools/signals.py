from django.dispatch import Signal

# Sent after an import wrote schools in bulk (no post_save per school):
# receivers get ``rbds``, the RBDs created or updated.
schools_imported = Signal()
