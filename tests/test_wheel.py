"""The installed wheel works without the clone (issue 14, packaging).

The wheel is built from a copy of the project's sources (a stale build/ in the clone would leak old files into
it), installed with `pip install --target` into a temporary folder, and run from an empty folder with only that
folder on PYTHONPATH: the clone is not on sys.path, so prompts/*.toml and every other file must come from the
installed package. A plan written here is ingested, then asked about (`--json`); the answer carries its figure
and cites the plan. Also checks what the wheel holds: the code and prompts, not bench/, tests/, corpus/ nor
eval's gold set, reports or development corpus.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
# What a build reads (plus the folders the wheel must leave out, so that leaving them out is tested).
SOURCES = ("pyproject.toml", "README.md", "assistant", "ingest", "eval", "prompts", "bench", "tests", "corpus")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "build", "dist", "*.egg-info", ".*_cache")

PLAN = """# KẾ HOẠCH

## Phát triển đội ngũ giáo viên huyện Hòa Bình năm 2025

Căn cứ tình hình thực tế, Ủy ban nhân dân huyện Hòa Bình ban hành Kế hoạch phát triển đội ngũ giáo viên
năm 2025 như sau:

## I. MỤC TIÊU

1. Mục tiêu chung

Nâng cao chất lượng đội ngũ giáo viên các cấp học, đáp ứng yêu cầu đổi mới giáo dục.

2. Mục tiêu cụ thể

Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo theo Luật Giáo dục năm 2019 đạt 90% vào cuối năm 2025.

Mỗi trường tổ chức ít nhất 02 chuyên đề sinh hoạt chuyên môn mỗi học kỳ.

## II. NHIỆM VỤ VÀ GIẢI PHÁP

1. Phòng Giáo dục và Đào tạo chủ trì rà soát, xây dựng kế hoạch đào tạo nâng chuẩn cho giáo viên.

2. Các trường cử giáo viên tham gia bồi dưỡng thường xuyên theo quy định.

## III. TỔ CHỨC THỰC HIỆN

Phòng Giáo dục và Đào tạo theo dõi, tổng hợp kết quả, báo cáo Ủy ban nhân dân huyện trước ngày 15/12/2025.
"""

CHECK = """
import importlib.util, json, sys
from pathlib import Path
site = Path(sys.argv[1]).resolve()
import assistant, eval, ingest, prompts
from assistant.generate.prompt import templates as generate_templates
from assistant.qa.templates import templates as answer_templates
mods = {m.__name__: str(Path(m.__file__).resolve()) for m in (assistant, eval, ingest, prompts)}
print(json.dumps({"site": str(site), "modules": mods, "bench": importlib.util.find_spec("bench") is not None,
                  "answers": len(answer_templates()), "generate": len(generate_templates()),
                  "sys_path": sys.path}))
"""


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    shown = [a if len(a) < 120 else a[:60] + " …" for a in args]
    assert proc.returncode == 0, f"{shown} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        p = ROOT / name
        if p.is_dir():
            shutil.copytree(p, src / name, ignore=IGNORE)
        elif p.is_file():
            shutil.copy2(p, src / name)
    out = tmp / "dist"
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    _run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation", "-q",
          "-w", str(out)], cwd=tmp, env=env)
    wheels = list(out.glob("kehoach-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contents(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/", 1)[0] for n in names}
    assert {"assistant", "ingest", "eval", "prompts"} <= tops
    assert not {"bench", "tests", "corpus"} & tops, sorted(tops)
    assert {"prompts/__init__.py", "prompts/answers.toml", "prompts/generate.toml", "assistant/cli.py",
            "assistant/model_setup.py", "ingest/pipeline.py", "eval/run.py", "eval/floor.json"} <= set(names)
    leaked = [n for n in names if n.startswith(("eval/corpus-dev/", "eval/gold/", "eval/reports/"))
              or n.startswith("assistant/bench") or n == "assistant/procs.py"]
    assert not leaked, leaked
    data = [n for n in names if not n.endswith(".py") and ".dist-info/" not in n]
    assert sorted(data) == ["eval/floor.json", "prompts/answers.toml", "prompts/generate.toml"], data


def test_installed_wheel_ingests_and_answers(wheel: Path, tmp_path: Path) -> None:
    site, home, work = tmp_path / "site", tmp_path / "home", tmp_path / "work"
    work.mkdir()
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(site),
          str(wheel)], cwd=tmp_path, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    plan = tmp_path / "plans" / "ke-hoach-giao-vien-hoa-binh-2025.md"
    plan.parent.mkdir()
    plan.write_text(PLAN, encoding="utf-8")
    # Only the installed folder on the path, none of the clone's settings: the child starts from an empty folder.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEHOACH_") and k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(site), KEHOACH_HOME=str(home), KEHOACH_EMBEDDER="fake",
               KEHOACH_GENERATOR="extractive", KEHOACH_CORPUS_DIR=str(work / "no-corpus"),
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")

    check = json.loads(_run([sys.executable, "-c", CHECK, str(site)], cwd=work, env=env).stdout)
    site_s = str(site.resolve())
    for name, path in check["modules"].items():
        assert path.startswith(site_s + os.sep), f"{name} from {path}, not the wheel; sys.path {check['sys_path']}"
        assert not path.startswith(str(ROOT) + os.sep)
    assert not check["bench"], "bench/ is importable from the installed wheel"
    assert check["answers"] > 0 and check["generate"] > 0

    out = _run([sys.executable, "-m", "assistant", "ingest", str(plan)], cwd=work, env=env).stdout
    m = re.search(r"doc=(\S+)", out)
    assert m, out
    doc = m.group(1)
    assert re.search(r"units=[1-9]", out), out

    out = _run([sys.executable, "-m", "assistant", "ask",
                "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo là bao nhiêu?", "--json"], cwd=work, env=env).stdout
    resp = json.loads(out)
    assert not resp["abstained"], resp
    assert "90%" in resp["answer"], resp["answer"]
    assert any(c["doc"] == doc for c in resp["citations"]), resp["citations"]
    assert not any(work.iterdir()), "the commands wrote into their working folder"
