"""Hostile files: every importer and the deliberation extractor, fed corrupted files, end in a clear error.

Corruptions: truncated, wrong encoding, random binary, a single 50 MB line, XLSX and ODS zip bombs (honest and
lying headers), PDFs with reference loops. Each case runs in a forked process under RLIMIT_AS and a wall-clock
timeout, and its peak memory is measured: a crash, a hang or a blow-up fails the case.

One harness process imports the extractors once and forks a child per case (a fresh interpreter per case would
cost a second each); the cases are built here, with a fixed seed.
"""

from __future__ import annotations

import io
import json
import random
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TABULAR = FIXTURES / "tabular"

#: Per-case budget: wall-clock seconds, address space, and the peak resident memory a case may reach.
TIMEOUT_S = 60
ADDRESS_SPACE = 3 * 1024**3
MAX_RSS_MB = 1024

#: The harness: reads cases (kind, path) as JSON on stdin; forks a child per case; prints one JSON line each.
HARNESS = r"""
import json, os, resource, signal, sys, time, traceback
from pathlib import Path
from graph.ingest import get_kind, detect_kind
from graph.ingest.base import InputError, SourceContext
import graph.ingest.delib_reader, graph.tabular  # noqa: F401 - imported before the fork
import pdfplumber  # noqa: F401
timeout, address_space = float(sys.argv[1]), int(sys.argv[2])
for line in sys.stdin:
    case = json.loads(line)
    read, write = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        path = Path(case["path"])
        try:
            if case.get("pipeline"):  # the whole ingest into a store beside the case's file (RDF is parsed by it)
                from graph.ingest.pipeline import ingest_paths
                from graph.store import open_store
                errors = []
                store = open_store({"store": "oxigraph", "data_dir": str(path.with_name(path.name + ".data"))})
                reports = ingest_paths(store, [path], kind=case["kind"], on_report=lambda r, e, p: errors.append(e))
                if errors and errors[0] is not None:
                    raise errors[0]
                out = {"status": "ok", "issues": len(reports[0].issues)}
            else:
                ctx = SourceContext(path=path, data=path.read_bytes())
                kind = get_kind(case["kind"]) if case["kind"] else detect_kind(ctx)
                extraction = kind.extract(ctx)
                out = {"status": "ok", "issues": len(extraction.issues)}
        except InputError as exc:
            out = {"status": "input-error", "message": exc.issue.message}
        except MemoryError:
            out = {"status": "memory-error"}
        except BaseException as exc:
            out = {"status": "crash", "message": "".join(traceback.format_exception(exc))[-1500:]}
        os.write(write, json.dumps(out).encode())
        os._exit(0)
    os.close(write)
    deadline = started + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.02)
    data = os.read(read, 1 << 16)
    os.close(read)
    result = json.loads(data) if data else {"status": "timeout" if time.monotonic() > deadline
                                            else f"died (status {status})"}
    result.update(case=case["name"], seconds=round(time.monotonic() - started, 2), rss_mb=usage.ru_maxrss // 1024)
    print(json.dumps(result), flush=True)
"""


# --- the corrupted files -------------------------------------------------------------------------------------------

SEEDS = {
    "deliberation-text": ("deliberation", FIXTURES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"),
    "deliberation-pdf": ("deliberation", FIXTURES / "deliberations" / "2014-04-24-0000071272.pdf"),
    "scdl-subventions-csv": ("scdl-subventions", TABULAR / "SCDL.csv"),
    "scdl-subventions-xlsx": ("scdl-subventions", TABULAR /
                              "DEP_Vendee_Publication_donnees_Open_data_Subventions_Conventions.xlsx"),
    "scdl-subventions-xls": ("scdl-subventions", TABULAR / "grants_header_row3.xls"),
    "scdl-deliberations": ("scdl-deliberations", TABULAR / "VilleMTP_MTP_Delibs.csv"),
    "rna": ("rna", TABULAR / "rna_sample_waldec.csv"),
    "sirene": ("sirene", TABULAR / "StockUniteLegale_utf8_sample.csv"),
    "register": ("register", ROOT / "examples" / "ptce-registre.yaml"),
    "rdf": ("rdf", ROOT / "ontology" / "themes.ttl"),
}
#: Kinds whose extractor only passes the bytes on: their cases run the whole pipeline into a temporary store.
PIPELINE_KINDS = {"rdf"}
ONE_LINE_BYTES = 50 * 1024**2


def truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 5]


def wrong_encoding(data: bytes) -> bytes:
    try:
        return data.decode("utf-8-sig").encode("utf-16-be")  # no BOM: every other byte is a zero
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace").encode("utf-16-be")


def binary(data: bytes) -> bytes:
    return random.Random(len(data)).randbytes(64 * 1024)


def one_line(data: bytes) -> bytes:
    head = data.split(b"\n", 1)[0][:200].replace(b"\r", b"")
    return head + b";" + b"d\xc3\xa9lib\xc3\xa9ration ;" * (ONE_LINE_BYTES // 16)


CORRUPTIONS = {"truncated": truncated, "wrong-encoding": wrong_encoding, "binary": binary, "one-line-50MB": one_line}


def zip_bomb(seed: Path, member: str, prefix: bytes, suffix: bytes, size: int, lie: bool) -> bytes:
    """A copy of the zip ``seed`` whose ``member`` expands to ``size`` bytes of blanks; ``lie``: headers say 1 kB."""
    out = io.BytesIO()
    with zipfile.ZipFile(seed) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info))
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w") as handle:
            handle.write(prefix)
            block = b" " * (1 << 20)
            for _ in range(size // len(block)):
                handle.write(block)
            handle.write(suffix)
    data = bytearray(out.getvalue())
    if lie:
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            at = data.find(signature)
            while at >= 0:
                name_at = at + (30 if signature == b"PK\x03\x04" else 46)
                if data[name_at:name_at + len(member)] == member.encode():
                    data[at + offset:at + offset + 4] = struct.pack("<I", 1000)
                at = data.find(signature, at + 4)
    return bytes(data)


def ods_seed(path: Path) -> Path:
    """A minimal valid ODS (one sheet, one cell), to carry the ODS bomb."""
    content = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               b'<office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell>'
               b'<text:p>montant</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>'
               b'</office:body></office:document-content>')
    manifest = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                b'<manifest:file-entry manifest:full-path="/" '
                b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                b'</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
    return path


def pdf(objects: list[bytes], trailer_extra: bytes = b"", prev: int | None = None) -> bytes:
    """A PDF made of ``objects`` (numbered from 1) with a correct xref table; ``prev`` adds a /Prev entry."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    extra = trailer_extra + (b" /Prev %d" % (xref if prev == -1 else prev) if prev is not None else b"")
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, extra, xref)
    return bytes(out)


_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"
_TEXT = b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 712 Td (Deliberation) Tj ET\nendstream"
PDFS = {
    # The page tree's Kids point back at the tree itself.
    "pdf-page-tree-loop": pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                               _PAGE, _TEXT]),
    # The xref's /Prev points at itself.
    "pdf-xref-prev-loop": pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                               _PAGE, _TEXT], prev=-1),
    # A stream whose /Length is an indirect reference to the stream itself.
    "pdf-length-self-reference": pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                      b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                                      b"<< /Length 4 0 R >>\nstream\nBT ET\nendstream"]),
    # Two form XObjects that draw each other.
    "pdf-xobject-cycle": pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                              b"/Resources << /XObject << /X1 5 0 R >> >> >>",
                              b"<< /Length 8 >>\nstream\n/X1 Do\n\nendstream",
                              b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X2 6 0 R "
                              b">> >> /Length 7 >>\nstream\n/X2 Do\nendstream",
                              b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 5 0 R "
                              b">> >> /Length 7 >>\nstream\n/X1 Do\nendstream"]),
}


def build_cases(folder: Path, heavy: bool) -> list[dict]:
    """Write every corrupted file into ``folder``; ``heavy`` adds the 50 MB lines and the zip bombs."""
    cases = []

    def add(name: str, kind: str | None, data: bytes, suffix: str) -> None:
        path = folder / f"{name}{suffix}"
        path.write_bytes(data)
        cases.append({"name": name, "kind": kind, "path": str(path), "pipeline": kind in PIPELINE_KINDS})

    for seed_name, (kind, seed) in SEEDS.items():
        for corruption, make in CORRUPTIONS.items():
            if (corruption == "one-line-50MB") != heavy:
                continue
            add(f"{seed_name}-{corruption}", kind, make(seed.read_bytes()), seed.suffix)
    if not heavy:
        for name, data in PDFS.items():
            add(name, "deliberation", data, ".pdf")
        add("binary-detected", None, binary(b"x" * 100), ".csv")
        return cases
    xlsx = SEEDS["scdl-subventions-xlsx"][1]
    ods = ods_seed(folder / "seed.ods")
    sheet = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/' \
            b'spreadsheetml/2006/main"><sheetData>'
    for lie in (False, True):
        tag = "lying" if lie else "honest"
        add(f"xlsx-zip-bomb-{tag}", "scdl-subventions",
            zip_bomb(xlsx, "xl/worksheets/sheet1.xml", sheet, b"</sheetData></worksheet>", 700 * 1024**2, lie), ".xlsx")
        add(f"ods-zip-bomb-{tag}", "scdl-subventions",
            zip_bomb(ods, "content.xml", b'<?xml version="1.0"?><office:document-content>', b"</office:document-content>",
                     700 * 1024**2, lie), ".ods")
    return cases


def run_cases(cases: list[dict]) -> dict[str, dict]:
    process = subprocess.run([sys.executable, "-c", HARNESS, str(TIMEOUT_S), str(ADDRESS_SPACE)], cwd=ROOT,
                             input="".join(json.dumps(c) + "\n" for c in cases), capture_output=True, text=True,
                             timeout=TIMEOUT_S * len(cases) + 60)
    assert process.returncode == 0, process.stderr[-3000:]
    results = [json.loads(line) for line in process.stdout.splitlines()]
    return {r["case"]: r for r in results}


def assert_clear_error_or_clean_result(result: dict) -> None:
    assert result["status"] in ("input-error", "ok"), result
    if result["status"] == "input-error":
        assert result["message"].strip() and "Traceback" not in result["message"], result
    assert result["rss_mb"] < MAX_RSS_MB, result


@pytest.fixture(scope="module")
def light_results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return run_cases(build_cases(folder, heavy=False))


@pytest.fixture(scope="module")
def heavy_results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-heavy")
    return run_cases(build_cases(folder, heavy=True))


LIGHT = [f"{s}-{c}" for s in SEEDS for c in CORRUPTIONS if c != "one-line-50MB"] + list(PDFS) + ["binary-detected"]
HEAVY = [f"{s}-one-line-50MB" for s in SEEDS] + [f"{f}-zip-bomb-{t}" for f in ("xlsx", "ods")
                                                 for t in ("honest", "lying")]


@pytest.mark.parametrize("case", LIGHT)
def test_a_corrupted_file_ends_in_a_clear_error_without_crash_hang_or_blow_up(light_results, case):
    assert_clear_error_or_clean_result(light_results[case])


@pytest.mark.slow
@pytest.mark.parametrize("case", HEAVY)
def test_a_huge_line_or_a_zip_bomb_is_refused_within_time_and_memory(heavy_results, case):
    result = heavy_results[case]
    assert_clear_error_or_clean_result(result)
    assert result["seconds"] < TIMEOUT_S


def test_binary_data_is_not_recognised_as_any_kind(light_results):
    assert light_results["binary-detected"]["status"] == "input-error"


# --- the limits of graph.limits, on their own ----------------------------------------------------------------------


def test_the_line_limit_refuses_a_50_mb_line_at_once():
    from graph.ingest.base import InputError
    from graph.limits import check_line_length

    data = one_line(b"nom;montant\n")
    with pytest.raises(InputError, match="ligne 1 trop longue"):
        check_line_length(data)


@pytest.mark.parametrize("lie", [False, True], ids=["honest-headers", "lying-headers"])
def test_the_expansion_limit_refuses_a_zip_bomb_in_bounded_memory_whatever_its_headers_say(lie):
    from graph.ingest.base import InputError
    from graph.limits import check_zip_expansion

    bomb = zip_bomb(SEEDS["scdl-subventions-xlsx"][1], "xl/worksheets/sheet1.xml", b"<worksheet>", b"</worksheet>",
                    100 * 1024**2, lie)
    tracemalloc.start()
    try:
        # Honest headers: refused past the expansion cap. Lying ones: the real size overruns the declared one and
        # the CRC fails first; refused as corrupt either way, having expanded no more than the cap.
        with pytest.raises(InputError, match="classeur refusé" if not lie else "corrompue|classeur refusé"):
            check_zip_expansion(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024**2


def test_the_expansion_limit_accepts_a_real_spreadsheet():
    from graph.limits import check_zip_expansion

    check_zip_expansion(SEEDS["scdl-subventions-xlsx"][1].read_bytes())
    check_zip_expansion((TABULAR /
                         "DEP_Charente_Maritime_donnees-conventions-subventions.xlsx").read_bytes())
