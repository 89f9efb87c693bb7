"""The projector face: a Textual app driven by the facilitator's keyboard."""
