"""Readers: turn text in some format into Document blocks.

``markdown`` reads what our templates write. The others read documents people wrote by
hand (a press statement in Word, say) so that the same checks can run on them.
"""
