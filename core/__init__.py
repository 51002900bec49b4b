"""The kernel every app builds on: errors, mail, Markdown, links, claims, extension points.

It depends on Django and libraries only, never on an app of the project.
"""
