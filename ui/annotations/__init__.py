"""Reviewers' annotations in the window: tools, marks on the page, the Annotations panel."""

from .canvas import AnnotationCanvas
from .controller import AnnotationsController
from .panel import AnnotationsPanel

__all__ = ["AnnotationCanvas", "AnnotationsController", "AnnotationsPanel"]
