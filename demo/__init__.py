"""Demo data for every app: ``manage.py seed_demo``. Nothing imports this package."""
