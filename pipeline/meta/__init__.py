"""What a document says about itself: programme, version and meeting dates (``versions``), Norwegian dates (``dates``)."""
