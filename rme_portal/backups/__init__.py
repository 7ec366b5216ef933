"""Backups of the whole portal: ``manage.py backup`` and ``manage.py restore``.

A backup is one tar archive (``archive``): a ``pg_dump`` of the database in
custom format taken from one snapshot (``database``), the media files, and a
manifest with every member's size and SHA-256, the row count of every table,
the applied migrations, the creation time and the portal's version. A restore
reads and checks the whole archive before it touches the database or the
files, then replaces both (``services``).

Written here rather than taken from a library: django-dbbackup, the maintained
option, is not a dependency of the project, and it keeps the database and the
media as separate files without a manifest, so nothing would prove before a
restore that both are whole, belong together and come from migrations this
code knows. What is ours is the archive and its checks; dumping and restoring
are PostgreSQL's own ``pg_dump``, ``pg_restore`` and ``psql``.
"""
