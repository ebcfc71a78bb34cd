"""Trust under faults in the window (issue #13): opening files plainly, missing stored
copies, Tools › Check Register, read-only and damaged registers, repaired documents."""

from .check_dialog import CheckRegisterDialog
from .controller import TrustController
from .missing_copy import Missing, MissingCopyOffer, find_missing
from .opening import PaperOpener
from .register_state import TrustBanner, window_words

__all__ = ["CheckRegisterDialog", "Missing", "MissingCopyOffer", "PaperOpener",
           "TrustBanner", "TrustController", "find_missing", "window_words"]
