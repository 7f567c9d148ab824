"""The reader measured on the confirmed readings (`LabeledExample`): each text read again by today's reader and
scored against what the clerk confirmed, with the corpus scorer's metrics (`ingest.scoring`), per language."""
from mandate.ingest import scoring
from mandate.ingest.reader import read


def evaluate(examples) -> dict:
    """Figures over all `examples` and per language: {"all": {...}, "languages": {"vi": {...}, ...}}."""
    pairs_by_language: dict[str, list[tuple[dict, dict]]] = {}
    for example in examples:
        reading = read(example.text, language=example.language or None)
        pairs_by_language.setdefault(example.language, []).append((example.confirmed, reading))
    every = [pair for pairs in pairs_by_language.values() for pair in pairs]
    return {"all": scoring.figures(scoring.tally(every), len(every)),
            "languages": {language: scoring.figures(scoring.tally(pairs), len(pairs))
                          for language, pairs in sorted(pairs_by_language.items())}}
