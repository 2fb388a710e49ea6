"""Company boards: a careers URL read as a vendor board, fetched over HTTP only when asked."""
