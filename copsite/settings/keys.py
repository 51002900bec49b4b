"""What production refuses as a SECRET_KEY (Django's own deploy check uses the same bars)."""

MIN_LENGTH = 50
MIN_UNIQUE = 5


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` must not sign production sessions and links, or None when it may."""
    if key.startswith(("django-insecure-", "insecure-")):
        return "SECRET_KEY is a development key (it starts with 'django-insecure-' or 'insecure-')."
    if len(key) < MIN_LENGTH:
        return f"SECRET_KEY has {len(key)} characters; production needs at least {MIN_LENGTH}."
    if len(set(key)) < MIN_UNIQUE:
        return f"SECRET_KEY uses fewer than {MIN_UNIQUE} different characters."
    return None
