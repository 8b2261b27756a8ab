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

from summarizer.backends import BACKENDS, BackendConfig, BackendError, BackendSetupError, default_backend_name
from summarizer.backends.base import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_MB, DEFAULT_TIMEOUT
from summarizer.grounding import GroundingPolicy
from summarizer.pipeline import RunOptions, RunReport, run_articles_sync
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
    figures_csv = "figures-csv"
    html = "html"


_state = {"debug": False, "interrupt_reported": False}


def _print_version(value: bool) -> None:
    if value:
        from summarizer import versions

        v = versions()
        sys.stdout.write(f"summarizer {v['summarizer']} (engine {v['engine']}, schema {v['schema']})\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    _state["debug"] = debug


# --------------------------------------------------------------------------- shared options

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
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers", "-w", min=1, max=256, help="Offline engine processes. Default: one per core; 1: in this process."
    ),
]
TimeoutOpt = Annotated[
    float, typer.Option("--timeout", min=0.1, help="LLM backends: seconds for one request, connect to last byte.")
]
DeadlineOpt = Annotated[
    float,
    typer.Option("--deadline", min=0.1, help="LLM backends: seconds for one article (all its requests and retries)."),
]
MaxResponseOpt = Annotated[
    float, typer.Option("--max-response-mb", min=0.001, help="LLM backends: refuse an answer body larger than this.")
]


def _llm_limits(options: RunOptions, timeout: float, deadline: float, max_response_mb: float) -> None:
    options.backend.timeout = timeout
    options.backend.deadline = deadline
    options.backend.max_response_bytes = int(max_response_mb * 1024 * 1024)


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
    policy: GroundingPolicy = grounding.value
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


def _run(  # type: ignore[no-untyped-def]
    paths: list[str],
    options: RunOptions,
    quiet: bool,
    on_result=None,
    feeds: list[str] | None = None,
    fetch_delay: float = 1.0,
    since: dt.date | None = None,
) -> RunReport:
    from summarizer.fetch import FetchOptions
    from summarizer.ingest import Ingestion
    from summarizer.models import ArticleExtraction
    from summarizer.render.terminal import RunProgress, info, print_run_summary

    progress = RunProgress(quiet)
    done: list[str] = []  # ids of the articles extracted so far: their feed entries are seen even after Ctrl-C

    def handle(result):  # type: ignore[no-untyped-def]
        if isinstance(result, ArticleExtraction):
            done.append(result.article.id)
        if on_result:
            on_result(result)
        progress.advance(result)

    ingestion = Ingestion(paths, feeds or [], fetch=FetchOptions(delay=fetch_delay), db_path=options.db_path,
                          since=since)
    try:
        with ingestion, progress.running("extracting"):
            try:
                report = run_articles_sync(ingestion.articles(), options, on_result=handle, on_total=progress.set_total)
            except BackendSetupError as exc:  # --mode bogus, a missing cassette, no key: the settings are wrong
                _fail(str(exc))
    except KeyboardInterrupt:
        _interrupted(len(done), options.db_path is not None)
    finally:
        marked = ingestion.record(done)
    print_run_summary(report, quiet)
    if feeds and not quiet:
        info(f"feeds: {marked} new entr{'y' if marked == 1 else 'ies'} recorded as seen"
             + ("" if options.db_path else " (no store: every entry counts as new next time)"))
    return report


def _interrupted(extracted: int, stored: bool) -> NoReturn:
    """Ctrl-C during a run: one line saying what was kept, and exit 130 (the shell's code for SIGINT)."""
    from summarizer.render.terminal import error

    _state["interrupt_reported"] = True
    if not extracted:
        error("interrupted before any article was extracted")
    else:
        noun = "article" if extracted == 1 else "articles"
        kept = "kept in the store (run the command again to resume)" if stored else "written out (no store: not kept)"
        error(f"interrupted: {extracted} {noun} extracted before the interrupt, {kept}")
    raise typer.Exit(130)


# --------------------------------------------------------------------------- inputs from the web

FeedOpt = Annotated[
    list[str] | None,
    typer.Option("--feed", help="RSS/Atom feed URL or file: its new entries (repeatable; seen ids kept in the store)."),
]
FetchDelayOpt = Annotated[
    float,
    typer.Option("--fetch-delay", min=0, help="Seconds between two requests to one site (robots.txt may ask more)."),
]


def _day(value: str | None, option: str) -> dt.date | None:
    """A day from an option: YYYY-MM-DD, 'today', 'yesterday', 'N days ago' (dateparser)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        pass
    import dateparser

    parsed: dt.datetime | None = dateparser.parse(value, languages=["en"], settings={"PREFER_DATES_FROM": "past"})
    if parsed is None:
        _fail(f"{option}: cannot read {value!r} as a day (use YYYY-MM-DD, today, yesterday or '3 days ago')")
    return parsed.date()


def _run_batch(paths: list[str] | None, options: RunOptions, quiet: bool, poll: float, on_result, batch_id=None):  # type: ignore[no-untyped-def]
    """``extract --batch`` (``paths``) or ``batch collect`` (no paths); progress as one line per change."""
    from summarizer.batch import BatchProgress, batch_extract_paths, collect_batches
    from summarizer.render.terminal import info, print_run_summary

    last: dict[str, str] = {}

    def progress(update: BatchProgress) -> None:
        if not quiet and last.get(update.batch_id) != str(update):
            last[update.batch_id] = str(update)
            info(str(update))

    try:
        if paths is not None:
            report = batch_extract_paths(paths, options, poll_interval=poll, on_progress=progress, on_result=on_result)
        else:
            report = collect_batches(options, batch_id, poll_interval=poll, on_progress=progress, on_result=on_result)
    except BackendSetupError as exc:
        _fail(str(exc))
    except BackendError as exc:  # the Batch API itself failed (upload, create, status): the batch stays recorded
        _fail(str(exc), 1)
    print_run_summary(report, quiet)
    return report


def _jsonl_sink(output: str):  # type: ignore[no-untyped-def]
    from summarizer.models import ArticleExtraction

    sink = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115

    def write(result: object) -> None:
        if isinstance(result, ArticleExtraction):
            sink.write(result.model_dump_json() + "\n")
            sink.flush()

    return sink, write


PollOpt = Annotated[
    float, typer.Option("--poll-interval", min=0.01, help="--batch: seconds between reads of the batch's status.")
]

# --------------------------------------------------------------------------- commands


@app.command()
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, directories (recursive), URLs, or '-' for stdin.", show_default=False),
    ] = None,
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
    feed: FeedOpt = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Feed entries published on or after (YYYY-MM-DD, yesterday...).")
    ] = None,
    fetch_delay: FetchDelayOpt = 1.0,
    quiet: QuietOpt = False,
    workers: WorkersOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    deadline: DeadlineOpt = DEFAULT_DEADLINE,
    max_response_mb: MaxResponseOpt = DEFAULT_MAX_RESPONSE_MB,
    batch: Annotated[
        bool, typer.Option("--batch", help="openai: send the articles through the provider's Batch API (half price).")
    ] = False,
    poll_interval: PollOpt = 30.0,
) -> None:
    """Extract operations, casualty figures and claims: one ArticleExtraction JSON object per line."""
    from summarizer.models import ArticleExtraction

    if not paths and not feed:
        _fail("give one or more article paths or URLs, or --feed")
    since_day = _day(since, "--since")
    options = _run_options(
        backend, model, base_url, mode, concurrency, grounding, db, no_store, fresh, max_cost, cassette, quiet
    )
    options.workers = workers
    options.keep_results = False  # each result is written as it completes; none is held for the end
    _llm_limits(options, timeout, deadline, max_response_mb)
    if record is not None:
        if options.backend.name != "openai":
            _fail("--record needs --backend openai (it records model answers)")
        options.backend.options["record"] = str(record)
        options.reuse = False  # every article must pass through the backend to be recorded (cache hits are free)
    if batch and options.backend.name != "openai":
        _fail("--batch needs --backend openai (it uses the provider's Batch API)")
    if batch and record is not None:
        _fail("--batch and --record do not go together; record a normal run")
    if batch and feed:
        _fail("--batch takes article paths; read --feed in a normal run")
    sink = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:

        def write(result: object) -> None:
            if isinstance(result, ArticleExtraction):
                sink.write(result.model_dump_json() + "\n")
                sink.flush()

        if batch:
            report = _run_batch(paths or [], options, quiet, poll_interval, write)
        else:
            report = _run(paths or [], options, quiet, write, feed, fetch_delay, since_day)
    finally:
        if sink is not sys.stdout:
            sink.close()
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def brief(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Articles (files, directories, URLs) to brief on (omit with --from-db).",
                       show_default=False),
    ] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Output file, '-' for stdout.")] = "-",
    fmt: Annotated[
        BriefFormat,
        typer.Option("--format", "-f", help="md, json, csv (ACLED events), figures-csv (a row per figure) or html."),
    ] = BriefFormat.md,
    from_db: Annotated[bool, typer.Option("--from-db", help="Brief from stored extractions; run no backend.")] = False,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only events (and feed entries) on or after: YYYY-MM-DD, today, yesterday..."),
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Only events on or before (as --since).")] = None,
    feed: FeedOpt = None,
    fetch_delay: FetchDelayOpt = 1.0,
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
    workers: WorkersOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    deadline: DeadlineOpt = DEFAULT_DEADLINE,
    max_response_mb: MaxResponseOpt = DEFAULT_MAX_RESPONSE_MB,
) -> None:
    """Write an analyst briefing (Markdown by default) reconciling many articles."""
    from summarizer.briefing import BriefingInput, briefing_from_store, build_briefing
    from summarizer.generated import mark
    from summarizer.render.documents import render_briefing

    since_day, until_day = _day(since, "--since"), _day(until, "--until")
    if from_db:
        if no_store:
            _fail("--from-db needs the store; drop --no-store")
        # only the HTML review shows the articles' texts: other formats need not load them
        source = briefing_from_store(db or default_db_path(), backend=backend, texts=fmt.value == "html")
        ok = True
    else:
        if not paths and not feed:
            _fail("give one or more article paths or URLs, --feed, or --from-db")
        options = _run_options(
            backend, model, base_url, mode, concurrency, grounding, db, no_store, fresh, max_cost, cassette, quiet
        )
        options.workers = workers
        _llm_limits(options, timeout, deadline, max_response_mb)
        report = _run(paths or [], options, quiet, None, feed, fetch_delay, since_day)
        source = BriefingInput.from_report(report)
        ok = report.ok
    briefing = build_briefing(source, since=since_day, until=until_day)
    text = mark(render_briefing(briefing, fmt.value, source), fmt.value)  # so a later run never reads it back
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
    from summarizer.generated import mark
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
    except (ev.EvalError, OSError, ValueError, BackendSetupError) as exc:
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
            text = mark(render.render_markdown(report, failures if limits else None), "md")  # never read as news
            target.write_text(text, encoding="utf-8")
    if missed_any and no_gate:
        warn("thresholds missed, ignored (--no-gate)")
    raise typer.Exit(1 if failed_any or (missed_any and not no_gate) else 0)


batch_app = typer.Typer(help="Batch API runs recorded in the store: status and collection.", no_args_is_help=True)
app.add_typer(batch_app, name="batch")


@batch_app.command("status")
def batch_status_command(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line instead of lines of text.")] = False,
) -> None:
    """List the batches recorded in the store, as of their last status read."""
    import json

    from summarizer.batch import batch_status
    from summarizer.render.terminal import info

    path = db or default_db_path()
    if not path.exists():
        _fail(f"no store at {path} (run 'summarizer extract --batch' first)", 1)
    rows = batch_status(path)
    if not rows:
        info("no batches recorded")
    for row in rows:
        if as_json:
            sys.stdout.write(json.dumps(row) + "\n")
        else:
            state = "collected" if row["collected"] else "not collected"
            sys.stdout.write(
                f"{row['id']}  {row['status']}  {row['completed']}/{row['total']} answered, {row['failed']} failed,"
                f" {state}  model {row['config'].get('model')}  (submitted {row['created_at']})\n"
            )


@batch_app.command("collect")
def batch_collect_command(
    batch_id: Annotated[str | None, typer.Argument(help="One batch id (default: every uncollected batch).")] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="JSONL output file, '-' for stdout.")] = "-",
    db: DbOpt = None,
    concurrency: ConcurrencyOpt = 4,
    grounding: GroundingOpt = Grounding.strict,
    poll_interval: PollOpt = 30.0,
    quiet: QuietOpt = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    deadline: DeadlineOpt = DEFAULT_DEADLINE,
    max_response_mb: MaxResponseOpt = DEFAULT_MAX_RESPONSE_MB,
) -> None:
    """Wait for the store's uncollected batches, validate their answers and finish their articles."""
    path = db or default_db_path()
    if not path.exists():
        _fail(f"no store at {path} (run 'summarizer extract --batch' first)", 1)
    options = _run_options("openai", None, None, None, concurrency, grounding, path, False, False, None, None, True)
    _llm_limits(options, timeout, deadline, max_response_mb)
    sink, write = _jsonl_sink(output)
    try:
        report = _run_batch(None, options, quiet, poll_interval, write, batch_id)
    finally:
        if sink is not sys.stdout:
            sink.close()
    raise typer.Exit(0 if report.ok else 1)


def main() -> None:
    """Console entry point: usage errors as one line, tracebacks only with --debug."""
    debug = "--debug" in sys.argv[1:]
    try:
        app()
    except SystemExit as exc:
        # Typer turns a Ctrl-C inside a command into a silent exit 130; the run commands say what they kept.
        if exc.code == 130 and _interrupt_behind(exc) and not _state["interrupt_reported"]:
            from summarizer.render.terminal import error

            error("interrupted")
        raise
    except KeyboardInterrupt:
        from summarizer.render.terminal import error

        error("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(130)
    except Exception as exc:  # last-resort guard for the command line
        if debug:
            raise
        from summarizer.render.terminal import error

        error(f"{type(exc).__name__}: {exc} (run with --debug for the traceback)")
        sys.exit(1)


def _interrupt_behind(exc: BaseException) -> bool:
    """Whether a KeyboardInterrupt is among the causes or contexts of ``exc``."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
