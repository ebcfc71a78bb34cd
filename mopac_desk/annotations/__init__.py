"""Reviewers' annotations: the model, the PDF round trip (import, export), matching imported
comments against the register's, and the rows of the pack's Annotations sheet. Qt-free."""
