"""What a clerk does while reviewing a paper: the tag vocabulary, capture of what extraction
missed from a text selection, and who the clerk is. Qt-free; the review panel calls these."""
