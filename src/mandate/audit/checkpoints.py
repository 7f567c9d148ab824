"""Signed checkpoints of the audit chain, kept off the database, and the check of the chain against them.

The trail is a few hash chains (shards, `services.py`). Each chain finds a record edited in place, deleted from
its middle, inserted or moved; its head (`AuditHead`: last id, count, last hash) finds records deleted from its
tail. Whoever owns the database can rewrite both — delete a tail and set its head back, or edit a record and recompute every hash after it. A checkpoint is every shard's end (last id, count, last hash)
signed with an Ed25519 key whose private half the database never holds; the signed files are copied off the
machine. A later trail must still hold, in each shard, each checkpoint's record with the same hash and the
same number of records up to it, and no one without the private key can sign a checkpoint of a rewritten chain.
"""
import base64
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.utils.translation import gettext as _

from mandate.audit.models import SHARDS, AuditHead, AuditRecord
from mandate.audit.selectors import ChainBreak, record_matches

FORMAT = 2  # 1: one chain (last_id, count, hash); 2: every shard's end under "shards"
GENESIS = "0" * 64


class CheckpointError(Exception):
    """A key or checkpoint file that cannot be used; the message says why."""


@dataclass(frozen=True)
class ShardEnd:
    last_id: int
    count: int
    hash: str


@dataclass(frozen=True)
class Checkpoint:
    shards: dict[int, ShardEnd]
    signed_at: str
    file: str = ""

    @property
    def count(self) -> int:
        return sum(end.count for end in self.shards.values())


@dataclass
class ShardState:
    count: int = 0
    last_id: int | None = None
    last_hash: str = GENESIS
    missing: int = 0


@dataclass
class ChainReport:
    """What `audit_check` found: altered records, and everything that does not agree with a head or a checkpoint."""

    shards: dict[int, ShardState] = field(default_factory=dict)
    breaks: list[ChainBreak] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(state.count for state in self.shards.values())

    @property
    def missing(self) -> int:
        return sum(state.missing for state in self.shards.values())

    @property
    def intact(self) -> bool:
        return not self.breaks and not self.problems


def _canonical(checkpoint: dict) -> bytes:
    return json.dumps(checkpoint, sort_keys=True, separators=(",", ":")).encode("utf-8")


def private_key_load(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise CheckpointError(_("%(path)s is not a readable PEM private key: %(error)s") % {"path": path, "error": error}) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError(_("%(path)s is not an Ed25519 key") % {"path": path})
    return key


def public_key_load(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except (OSError, ValueError, TypeError) as error:
        raise CheckpointError(_("%(path)s is not a readable PEM public key: %(error)s") % {"path": path, "error": error}) from error
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError(_("%(path)s is not an Ed25519 key") % {"path": path})
    return key


def audit_check(checkpoints: list[Checkpoint] = ()) -> ChainReport:
    """Walk the trail once in id order: each record against its hash and the link to the one before it in its shard,
    each shard's end against its head and against every checkpoint."""
    report = ChainReport()
    wanted = {(shard, end.last_id) for checkpoint in checkpoints for shard, end in checkpoint.shards.items()}
    seen: dict[tuple[int, int], tuple[str, int]] = {}  # (shard, checkpointed id) → (its hash now, shard's records up to it)
    for entry in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        state = report.shards.setdefault(entry.shard, ShardState())
        report.breaks.extend(record_matches(entry, state.last_hash))
        state.count += 1
        state.last_id, state.last_hash = entry.pk, entry.hash
        if (entry.shard, entry.pk) in wanted:
            seen[(entry.shard, entry.pk)] = (entry.hash, state.count)
    _against_heads(report)
    for checkpoint in checkpoints:
        for shard, end in sorted(checkpoint.shards.items()):
            if end.count:
                _against_checkpoint(report, checkpoint, end, report.shards.setdefault(shard, ShardState()),
                                    seen.get((shard, end.last_id)))
    return report


def _against_heads(report: ChainReport) -> None:
    heads = {head.pk: head for head in AuditHead.objects.all()}
    for shard in range(1, SHARDS + 1):
        if shard not in heads and report.count:
            report.problems.append(_("the head of shard %(shard)d of the audit trail is gone") % {"shard": shard})
    for shard, state in sorted(report.shards.items()):
        if shard not in heads and state.count:
            report.problems.append(_("no head is stored for shard %(shard)d of the audit trail, yet it holds %(count)d "
                                     "records") % {"shard": shard, "count": state.count})
    for shard, head in sorted(heads.items()):
        state = report.shards.setdefault(shard, ShardState())
        if head.count > state.count:
            state.missing = max(state.missing, head.count - state.count)
            report.problems.append(_(
                "%(missing)d record(s) missing from the tail: the head says the chain ends at record %(head_id)s after "
                "%(head_count)d records; it ends at record %(last_id)s after %(count)d") % {
                "missing": head.count - state.count, "head_id": head.last_id, "head_count": head.count,
                "last_id": state.last_id, "count": state.count})
        elif head.count < state.count:
            report.problems.append(_("%(extra)d record(s) after the head: they were not written by the audit service") % {
                "extra": state.count - head.count})
        elif head.last_id != state.last_id or head.last_hash != state.last_hash:
            report.problems.append(_("the head does not name the last record (record %(head_id)s, the chain ends at %(last_id)s)")
                                   % {"head_id": head.last_id, "last_id": state.last_id})


def _against_checkpoint(report: ChainReport, checkpoint: Checkpoint, end: ShardEnd, state: ShardState,
                        now: tuple[str, int] | None) -> None:
    where = {"file": checkpoint.file, "id": end.last_id, "count": end.count}
    if now is None:
        if state.last_id is None or end.last_id > state.last_id:
            missing = end.count - state.count
            state.missing = max(state.missing, missing)
            report.problems.append(_(
                "%(file)s: record %(id)s, signed as the end of %(count)d records, is gone; at least %(missing)d record(s) "
                "missing from the tail") % {**where, "missing": missing})
        else:
            report.problems.append(_("%(file)s: record %(id)s, signed as the end of %(count)d records, is gone") % where)
        return
    digest, count = now
    if digest != end.hash:
        report.problems.append(_(
            "%(file)s: record %(id)s no longer has the signed hash: the chain up to it was rewritten") % where)
    elif count != end.count:
        report.problems.append(_("%(file)s: %(now)d records up to record %(id)s, %(count)d were signed") % {**where, "now": count})


def checkpoint_sign(*, key: Ed25519PrivateKey, now: dt.datetime) -> dict:
    """A signed checkpoint of every shard's end as the trail stands now; refused when the trail does not verify."""
    report = audit_check()
    if not report.intact:
        raise CheckpointError(_("the audit trail does not verify; no checkpoint is signed over it"))
    shards = {str(shard): {"last_id": state.last_id or 0, "count": state.count, "hash": state.last_hash}
              for shard, state in sorted(report.shards.items()) if state.count}
    checkpoint = {"format": FORMAT, "shards": shards, "count": report.count,
                  "signed_at": now.astimezone(dt.UTC).isoformat(timespec="seconds")}
    return {"checkpoint": checkpoint, "signature": base64.b64encode(key.sign(_canonical(checkpoint))).decode("ascii")}


def _shards_of(checkpoint: dict) -> dict[int, ShardEnd]:
    """A checkpoint's shard ends; a format-1 file (one chain, signed before the shards) is the end of shard 1."""
    if int(checkpoint.get("format", 1)) == 1:
        return {1: ShardEnd(int(checkpoint["last_id"]), int(checkpoint["count"]), str(checkpoint["hash"]))}
    return {int(shard): ShardEnd(int(end["last_id"]), int(end["count"]), str(end["hash"]))
            for shard, end in checkpoint["shards"].items()}


def checkpoint_write(*, signed: dict, directory: Path) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    checkpoint = signed["checkpoint"]
    stamp = checkpoint["signed_at"].replace("-", "").replace(":", "").replace("+0000", "Z")
    path = directory / f"checkpoint-{checkpoint['count']:012d}-{stamp}.json"
    with open(path, "x", encoding="utf-8") as file:  # never over an earlier checkpoint
        file.write(json.dumps(signed, indent=2, sort_keys=True) + "\n")
    return path


def checkpoints_read(*, directory: Path, key: Ed25519PublicKey) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints in `directory` whose signature verifies, and a problem for each file that does not."""
    checkpoints, problems = [], []
    files = sorted(Path(directory).glob("*.json"))
    if not files:
        problems.append(_("no checkpoint files in %(directory)s") % {"directory": directory})
    for path in files:
        try:
            signed = json.loads(path.read_text(encoding="utf-8"))
            checkpoint, signature = signed["checkpoint"], base64.b64decode(signed["signature"], validate=True)
            key.verify(signature, _canonical(checkpoint))
            checkpoints.append(Checkpoint(shards=_shards_of(checkpoint), signed_at=str(checkpoint["signed_at"]),
                                          file=path.name))
        except InvalidSignature:
            problems.append(_("%(file)s: its signature does not verify with the public key") % {"file": path.name})
        except (OSError, ValueError, KeyError, TypeError) as error:
            problems.append(_("%(file)s: not a checkpoint (%(error)s)") % {"file": path.name, "error": error})
    return checkpoints, problems
