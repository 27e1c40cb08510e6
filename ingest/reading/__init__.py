"""Reading the text: wire shapes, sentences, clauses, cue words."""
