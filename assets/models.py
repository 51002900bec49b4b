# The shared asset library lives here; this app depends on communities only.
