"""Use of force by facility staff, and the examination and footage each one requires."""
