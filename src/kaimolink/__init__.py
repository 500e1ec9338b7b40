"""kaimolink: cooperation platform for LEADER Local Action Groups and rural actors."""
