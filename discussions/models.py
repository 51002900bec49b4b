# Threads, posts and Wenger's behaviours live here; this app depends on communities only.
