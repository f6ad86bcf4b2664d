"""What bench/run.py measures and how often; shared with its report."""

DEFAULT_SIZES = (3_700, 37_000, 370_000)
WARMUP = 5
BATCHES = 7
BATCH_SIZE = 20
BASELINE = "healthz"
# Surname prefixes as staff type them: a common Kazakh stem, a full Russian
# surname (also matches the feminine form), and a Latin-script name.
NAME_QUERIES = ("ахм", "иванов", "kim")
BENCH_USER = "ombudsman"  # national scope: every search runs over the whole register
