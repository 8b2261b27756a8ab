"""The command line: thin commands, each calling one library function.

Exit codes: 0 when every input succeeded; 1 when any article failed (each named on stderr with its
reason) or a gate was missed; 2 for usage errors. Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from summarizer.backends import BACKENDS, BackendConfig, default_backend_name
from summarizer.grounding import GroundingPolicy
from summarizer.pipeline import RunOptions, RunReport, extract_paths
from summarizer.store import default_db_path

app = typer.Typer(
    name="summarizer",
    help="Structured extraction and analyst briefings from news about security operations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Grounding(str, Enum):
    strict = "strict"
    flag = "flag"


class BriefFormat(str, Enum):
    md = "md"
    json = "json"
    csv = "csv"
    html = "html"


_state = {"debug": False}


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    _state["debug"] = debug


# --------------------------------------------------------------------------- shared options

PathsArg = Annotated[
    list[str], typer.Argument(help="Files, directories (recursive), or '-' for stdin.", show_default=False)
]
BackendOpt = Annotated[
    str | None,
    typer.Option(
        "--backend",
        "-b",
        envvar="SUMMARIZER_BACKEND",
        help=f"One of {', '.join(BACKENDS)}. Default: openai if OPENAI_API_KEY is set, else rules (offline).",
    ),
]
ModelOpt = Annotated[str | None, typer.Option("--model", "-m", envvar="SUMMARIZER_MODEL", help="Model name or path.")]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url", envvar="OPENAI_BASE_URL", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1."
    ),
]
ModeOpt = Annotated[
    str | None, typer.Option("--mode", help="instructor mode override: json_schema, tools, json, md_json.")
]
ConcurrencyOpt = Annotated[int, typer.Option("--concurrency", "-c", min=1, max=256, help="Articles in flight at once.")]
GroundingOpt = Annotated[
    Grounding, typer.Option("--grounding", help="strict: drop unsupported items; flag: keep them marked unverified.")
]
DbOpt = Annotated[
    Path | None, typer.Option("--db", envvar="SUMMARIZER_DB", help="SQLite store. Default: .summarizer/summarizer.db")
]
NoStoreOpt = Annotated[bool, typer.Option("--no-store", help="Do not read or write the store.")]
FreshOpt = Annotated[
    bool,
    typer.Option(
        "--fresh/--resume",
        help="--resume (default): reuse stored results, so a re-run does only what is missing; --fresh: redo all.",
    ),
]
MaxCostOpt = Annotated[
    float | None, typer.Option("--max-cost", min=0, help="USD budget: no new article starts once reached.")
]
CassetteOpt = Annotated[Path | None, typer.Option("--cassette", help="Recorded answers for --backend replay.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary line.")]


def _fail(message: str, code: int = 2) -> NoReturn:
    from summarizer.render.terminal import error

    error(message)
    raise typer.Exit(code)


def _run_options(
    backend: str | None,
    model: str | None,
    base_url: str | None,
    mode: str | None,
    concurrency: int,
    grounding: Grounding,
    db: Path | None,
    no_store: bool,
    fresh: bool,
    max_cost: float | None,
    cassette: Path | None,
    quiet: bool,
) -> RunOptions:
    from summarizer.render.terminal import info

    name = backend or default_backend_name()
    if name not in BACKENDS:
        _fail(f"--backend: unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
    if backend is None and name == "openai" and not quiet:
        info("using backend openai (OPENAI_API_KEY is set); pass --backend rules for the offline engine")
    policy: GroundingPolicy = grounding.value  # type: ignore[assignment]
    return RunOptions(
        backend=BackendConfig(
            name=name,
            model=model,
            base_url=base_url,
            mode=mode,
            cassette=str(cassette) if cassette else None,
        ),
        concurrency=concurrency,
        grounding=policy,
        db_path=None if no_store else (db or default_db_path()),
        reuse=not fresh,
        max_cost=max_cost,
    )


def _run(paths: list[str], options: RunOptions, quiet: bool, on_result=None) -> RunReport:  # type: ignore[no-untyped-def]
    from summarizer.render.terminal import RunProgress, print_run_summary

    progress = RunProgress(quiet)

    def handle(result):  # type: ignore[no-untyped-def]
        if on_result:
            on_result(result)
        progress.advance(result)

    with progress.running("extracting"):
        report = extract_paths(paths, options, on_result=handle, on_total=progress.set_total)
    print_run_summary(report, quiet)
    return report


# --------------------------------------------------------------------------- commands


@app.command()
def extract(
    paths: PathsArg,
    output: Annotated[str, typer.Option("--output", "-o", help="JSONL output file, '-' for stdout.")] = "-",
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = 4,
    grounding: GroundingOpt = Grounding.strict,
    db: DbOpt = None,
    no_store: NoStoreOpt = False,
    fresh: FreshOpt = False,
    max_cost: MaxCostOpt = None,
    cassette: CassetteOpt = None,
    record: Annotated[
        Path | None, typer.Option("--record", help="Write the model answers this run used to a cassette (for replay).")
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Extract operations, casualty figures and claims: one ArticleExtraction JSON object per line."""
    from summarizer.models import ArticleExtraction

    options = _run_options(
        backend, model, base_url, mode, concurrency, grounding, db, no_store, fresh, max_cost, cassette, quiet
    )
    if record is not None:
        if options.backend.name != "openai":
            _fail("--record needs --backend openai (it records model answers)")
        options.backend.options["record"] = str(record)
        options.reuse = False  # every article must pass through the backend to be recorded (cache hits are free)
    sink = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:

        def write(result: object) -> None:
            if isinstance(result, ArticleExtraction):
                sink.write(result.model_dump_json() + "\n")
                sink.flush()

        report = _run(paths, options, quiet, write)
    finally:
        if sink is not sys.stdout:
            sink.close()
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def brief(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Articles to brief on (omit with --from-db).", show_default=False)
    ] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Output file, '-' for stdout.")] = "-",
    fmt: Annotated[
        BriefFormat, typer.Option("--format", "-f", help="md, json, csv (ACLED-like rows) or html.")
    ] = BriefFormat.md,
    from_db: Annotated[bool, typer.Option("--from-db", help="Brief from stored extractions; run no backend.")] = False,
    since: Annotated[
        dt.datetime | None, typer.Option("--since", formats=["%Y-%m-%d"], help="Only events on or after.")
    ] = None,
    until: Annotated[
        dt.datetime | None, typer.Option("--until", formats=["%Y-%m-%d"], help="Only events on or before.")
    ] = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = 4,
    grounding: GroundingOpt = Grounding.strict,
    db: DbOpt = None,
    no_store: NoStoreOpt = False,
    fresh: FreshOpt = False,
    max_cost: MaxCostOpt = None,
    cassette: CassetteOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write an analyst briefing (Markdown by default) reconciling many articles."""
    from summarizer.briefing import BriefingInput, briefing_from_store, build_briefing
    from summarizer.render.documents import render_briefing

    if from_db:
        if no_store:
            _fail("--from-db needs the store; drop --no-store")
        # only the HTML review shows the articles' texts: other formats need not load them
        source = briefing_from_store(db or default_db_path(), backend=backend, texts=fmt.value == "html")
        ok = True
    else:
        if not paths:
            _fail("give one or more article paths, or --from-db")
        options = _run_options(
            backend, model, base_url, mode, concurrency, grounding, db, no_store, fresh, max_cost, cassette, quiet
        )
        report = _run(paths, options, quiet)
        source = BriefingInput.from_report(report)
        ok = report.ok
    briefing = build_briefing(source, since=since.date() if since else None, until=until.date() if until else None)
    text = render_briefing(briefing, fmt.value, source)
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
    raise typer.Exit(0 if ok else 1)


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the schemas to.")] = Path("schemas"),
    check: Annotated[bool, typer.Option("--check", help="Only check that the files match the models.")] = False,
) -> None:
    """Write (or --check) the JSON Schemas generated from the data model."""
    from summarizer.render.terminal import info
    from summarizer.schema import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(out)
        if stale:
            _fail(f"schemas out of date in {out}: {', '.join(stale)} (run 'summarizer schema')", 1)
        info(f"schemas in {out} match the models")
        return
    for path in write_schemas(out):
        info(f"wrote {path}")


@app.command()
def logs(
    db: DbOpt = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="How many of the most recent calls.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line instead of a table.")] = False,
) -> None:
    """List recent model calls: model, prompt version, tokens, cost, latency, attempts, outcome."""
    import json

    from summarizer.render.terminal import print_calls
    from summarizer.store import Store

    path = db or default_db_path()
    if not path.exists():
        _fail(f"no store at {path} (run 'summarizer extract' first)", 1)
    with Store(path) as store:
        calls = store.iter_calls(count)
    if as_json:
        for call in calls:
            sys.stdout.write(json.dumps(call) + "\n")
    else:
        print_calls(calls)


@app.command("eval")
def eval_command(
    backends: Annotated[
        list[str] | None, typer.Option("--backend", "-b", help="Backend(s) to run on the seeds (default: rules).")
    ] = None,
    predictions: Annotated[
        Path | None, typer.Option("--predictions", "-p", help="Score a JSONL of extractions; run no backend.")
    ] = None,
    fixtures: Annotated[Path, typer.Option("--fixtures", help="Gold fixtures directory.")] = Path("evals/fixtures"),
    seeds: Annotated[Path, typer.Option("--seeds", help="Seed articles the fixtures name.")] = Path("seeds"),
    report_path: Annotated[
        Path | None, typer.Option("--report", help="Write report.json (several backends: report.<backend>.json).")
    ] = None,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Write a Markdown report.")] = None,
    fail_under: Annotated[
        list[str] | None, typer.Option("--fail-under", help="KEY=VALUE minimum, e.g. casualties.f1=0.5 (repeatable).")
    ] = None,
    thresholds: Annotated[
        list[Path] | None,
        typer.Option("--thresholds", help="TOML of minimums (repeatable). Default: evals/thresholds.toml if present."),
    ] = None,
    incident_sets: Annotated[
        list[Path] | None,
        typer.Option("--incidents", help="Incident set folder: brief its articles for its period, score the briefing "
                     "(repeatable)."),
    ] = None,
    no_gate: Annotated[bool, typer.Option("--no-gate", help="Report only: a missed threshold is no error.")] = False,
    compare: Annotated[Path | None, typer.Option("--compare", help="Previous report.json: print changes.")] = None,
    details: Annotated[bool, typer.Option("--details", help="List missed and unmatched items too.")] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    cassette: CassetteOpt = None,
    grounding: GroundingOpt = Grounding.strict,
    concurrency: ConcurrencyOpt = 4,
) -> None:
    """Score extractions against the hand-labelled gold fixtures (and, with --incidents, the briefing of each
    incident set); exit 1 when a threshold is missed."""
    import json

    from summarizer import evaluation as ev
    from summarizer import incident_eval as inc
    from summarizer.render import eval_report as render
    from summarizer.render.terminal import stdout, warn

    if predictions is not None and backends:
        _fail("give --backend or --predictions, not both")
    try:
        gold = ev.load_gold(fixtures, seeds)
        limits: dict[str, float] = {}
        default_thresholds = Path("evals/thresholds.toml")
        for path in thresholds or ([default_thresholds] if default_thresholds.is_file() else []):
            limits.update(ev.load_thresholds(path))
        limits.update(ev.parse_fail_under(fail_under or []))
        unknown = ev.unknown_keys(limits)
        if unknown:
            _fail(f"unknown threshold key(s): {', '.join(unknown)}")
        old = ev.flatten_report_json(json.loads(compare.read_text(encoding="utf-8"))) if compare else None
        if predictions is not None:
            reports = [ev.score_predictions(gold, predictions)]
            for set_dir in incident_sets or []:
                scores = inc.score_incident_predictions(set_dir, ev.load_predictions(predictions))
                reports[0].incidents[scores.set] = scores
        else:
            reports = []
            for name in backends or ["rules"]:
                # No store: an eval always runs fresh, so a stale stored extraction never inflates a score.
                options = _run_options(
                    name, model, base_url, None, concurrency, grounding, None, True, True, None, cassette, True
                )
                reports.append(ev.score_backend(gold, options))
                for set_dir in incident_sets or []:
                    scores = inc.score_incident_backend(set_dir, options)
                    reports[-1].incidents[scores.set] = scores
    except (ev.EvalError, OSError, ValueError) as exc:
        _fail(str(exc))
    missed_any = failed_any = False
    for report in reports:
        render.print_report(report, stdout, details)
        warnings = report.warnings + [w for scores in report.incidents.values() for w in scores.warnings]
        failed_any |= any(w.startswith("extraction failed") for w in warnings)
        failures = ev.check_thresholds(report, limits)
        if limits:
            render.print_gate(failures, len(limits), stdout)
        missed_any |= bool(failures)
        if old is not None:
            new = ev.flatten_report_json(report.model_dump(mode="json"))
            render.print_comparison(ev.compare_reports(old, new), stdout, f" ({report.backend})")
        suffix = f".{report.backend}" if len(reports) > 1 else ""
        if report_path is not None:
            target = report_path.with_name(f"{report_path.stem}{suffix}{report_path.suffix}")
            target.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
        if markdown is not None:
            target = markdown.with_name(f"{markdown.stem}{suffix}{markdown.suffix}")
            target.write_text(render.render_markdown(report, failures if limits else None), encoding="utf-8")
    if missed_any and no_gate:
        warn("thresholds missed, ignored (--no-gate)")
    raise typer.Exit(1 if failed_any or (missed_any and not no_gate) else 0)


def main() -> None:
    """Console entry point: usage errors as one line, tracebacks only with --debug."""
    debug = "--debug" in sys.argv[1:]
    try:
        app()
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)
    except Exception as exc:  # last-resort guard for the command line
        if debug:
            raise
        from summarizer.render.terminal import error

        error(f"{type(exc).__name__}: {exc} (run with --debug for the traceback)")
        sys.exit(1)
