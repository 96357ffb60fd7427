"""`debugex cache info` and `debugex cache prune`: the proof cache's size, entries and
the last run's hit rate; removing old or surplus proofs."""

from __future__ import annotations

import click

from ..engine import cache_admin
from .common import print_json, table


def human(size: int) -> str:
    """`15.2 MB`-style bytes (powers of 1024, as `--max-size` reads them)."""
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def run(action: str, older_than: str | None, max_size: str | None, as_json: bool) -> int:
    if action == "info":
        if older_than is not None or max_size is not None:
            raise click.UsageError("--older-than and --max-size are options of prune")
        return info(as_json)
    return prune(older_than, max_size, as_json)


def info(as_json: bool) -> int:
    try:
        data = cache_admin.info()
    except ValueError as exc:  # $DEBUGEX_CACHE_MAX is not a size
        click.echo(f"debugex cache: DEBUGEX_CACHE_MAX: {exc}", err=True)
        return 2
    if as_json:
        print_json(data)
        return 0
    if not data["enabled"]:
        click.echo("the proof cache is off (DEBUGEX_CACHE=off)")
        return 0
    bound = data["max_bytes"]
    click.echo(f"cache {data['folder']}: {human(data['bytes'])} in {data['files']} files, "
               f"{data['entries']} entries; bound "
               + (human(bound) if bound is not None else "none (DEBUGEX_CACHE_MAX=none)"))
    rows = [(kind, row["files"], row["entries"], human(row["bytes"]))
            for kind, row in sorted(data["by_kind"].items())]
    if rows:
        click.echo(table(("kind", "files", "entries", "size"), rows))
    click.echo(_last_run_line(data["last_run"]))
    for skipped in data["skipped"]:
        click.echo(f"debugex cache: passed over {skipped['file']}: {skipped['reason']}",
                   err=True)
    return 0


def _last_run_line(last: dict | None) -> str:
    if not last:
        return "last run: none recorded (debugex generate records its lookups)"
    lookups = last.get("lookups", {})
    total = sum(n for k, n in lookups.items() if k.endswith((" hit", " miss")))
    rate = last.get("hit_rate")
    return (f"last run ({last.get('finished', '?')}): {total} lookups, hit rate "
            + ("-" if rate is None else f"{rate:.1%}"))


def prune(older_than: str | None, max_size: str | None, as_json: bool) -> int:
    """Without options, prune to the default bound (as generate does after every run)."""
    try:
        age = cache_admin.parse_age(older_than) if older_than is not None else None
        size = cache_admin.parse_size(max_size) if max_size is not None else None
        if age is None and size is None:
            size = cache_admin.max_bytes()
    except ValueError as exc:
        click.echo(f"debugex cache prune: {exc}", err=True)
        return 2
    try:
        result = cache_admin.prune(older_than=age, max_size=size)
    except OSError as exc:
        click.echo(f"debugex cache prune: cannot remove from the cache "
                   f"({exc.strerror or exc}: {exc.filename})", err=True)
        return 1
    if as_json:
        print_json(result.to_dict())
    else:
        click.echo(f"removed {result.removed} files ({human(result.freed)}); "
                   f"kept {result.kept} files ({human(result.kept_bytes)})")
    return 0
