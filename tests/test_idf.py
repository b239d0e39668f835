"""The idf used to weigh a question's words, kept up to date one plan at a time (assistant/index/idf.py)."""

from __future__ import annotations

import math

import pytest

from assistant.index import idf as idf_mod
from assistant.index.idf import Idf, IdfCache
from assistant.qa.compose import unknown_words
from ingest.models import Unit


def _unit(doc: str, i: int, text: str) -> Unit:
    return Unit(id=f"{doc}-{i}-{hash(text) & 0xffff:x}", doc=doc, doc_title=doc, kind="section", locator=str(i),
                label=f"Mục {i}", text=text, embed_text=text)


PLAN_A = [_unit("a", 1, "Tỷ trọng dạy trực tuyến đạt 5% ở bậc tiểu học."),
          _unit("a", 2, "Đầu tư phòng học STEM cho trường THCS Tân Phước.")]
PLAN_B = [_unit("b", 1, "Lương giáo viên được chi trả không dùng tiền mặt."),
          _unit("b", 2, "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt 50%.")]
PLAN_B2 = [_unit("b", 1, "Kinh phí chuyển đổi số năm 2024 là 55.500 triệu đồng."),
           _unit("b", 2, "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt 50%.")]


def _same(a: Idf, b: Idf) -> None:
    assert a.n == b.n
    for mine, theirs in ((a.df, b.df), (a.df_folded, b.df_folded), (a.df_accented, b.df_accented)):
        assert +mine == +theirs  # equal counts, zero entries aside


def test_idf_counts_units_containing_a_syllable() -> None:
    idf = Idf([u.embed_text for u in PLAN_A + PLAN_B])
    assert idf.n == 4
    assert idf.df_folded["ty"] == 2 and idf.df_folded["stem"] == 1
    assert idf.df_accented["lương"] == 1 and idf.df_accented.get("lượng", 0) == 0
    assert idf("stem") == pytest.approx(math.log(1 + 5 / 1.5))
    assert idf("stem") > idf("ty")


def test_cache_updates_by_plan_and_matches_a_rebuild(monkeypatch) -> None:
    calls: list[int] = []
    real_of = idf_mod.DocFreq.of

    def counting_of(texts):
        texts = list(texts)
        if texts:  # an empty Idf (a fresh cache, a copy) counts nothing
            calls.append(len(texts))
        return real_of(texts)

    monkeypatch.setattr(idf_mod.DocFreq, "of", staticmethod(counting_of))
    cache = IdfCache()
    first = cache.get(1, PLAN_A + PLAN_B)
    assert calls == [2, 2]  # one count per plan
    assert cache.get(1, PLAN_A + PLAN_B) is first  # same generation: nothing recomputed
    assert calls == [2, 2]
    second = cache.get(2, PLAN_A + PLAN_B2)  # plan b re-published with a changed paragraph
    assert calls == [2, 2, 2, 2]  # only plan b: its old version subtracted, its new one added
    third = cache.get(3, PLAN_B2)  # plan a deleted
    assert calls == [2, 2, 2, 2, 2]  # only plan a, subtracted

    _same(first, Idf([u.embed_text for u in PLAN_A + PLAN_B]))
    _same(second, Idf([u.embed_text for u in PLAN_A + PLAN_B2]))
    assert second.df_folded.get("luong", 0) == 0 and "luong" not in second.df_folded
    assert unknown_words(["luong"], second) == ["luong"]  # gone with the old version of plan b
    assert first.df_folded["luong"] == 1  # the Idf handed out earlier was not changed under its readers

    _same(third, Idf([u.embed_text for u in PLAN_B2]))
    assert unknown_words(["stem"], third) == ["stem"]


def test_index_idf_follows_a_publish_that_keeps_the_unit_count(tmp_path) -> None:
    """The Idf counted by the index for generations without a stored one (IdfCache, keyed by generation)
    follows a re-published plan with as many units as before (an old key, the first 50 ids + count, missed
    it)."""
    from assistant.embedder import FakeEmbedder
    from assistant.index.index import Index
    from assistant.settings import Settings
    from ingest.pipeline import parse_path

    s = Settings(home=tmp_path / "home", chroma_url="", embedder="fake", corpus_dir=tmp_path / "none")
    ix = Index(s, FakeEmbedder())
    a = tmp_path / "a.md"
    a.write_text("# KẾ HOẠCH\n\n## I. MỤC TIÊU\n\n" + "\n\n".join(
        f"{i}. Trường số {i} triển khai học bạ số." for i in range(1, 61)) + "\n", encoding="utf-8")
    b = tmp_path / "b.md"
    b.write_text("# KẾ HOẠCH\n\n## I. MỤC TIÊU\n\nLương giáo viên chi trả không dùng tiền mặt.\n", encoding="utf-8")
    ix.add_documents([parse_path(a).document, parse_path(b).document])
    (s.index_dir / "gen" / str(ix.generation) / "idf.json.gz").unlink()  # as written by an older version
    ix._idf = None
    assert ix.idf().df_folded["luong"] == 1
    b.write_text("# KẾ HOẠCH\n\n## I. MỤC TIÊU\n\nKinh phí chi trả không dùng tiền mặt.\n", encoding="utf-8")
    ix.add_documents([parse_path(b).document])  # as many units, after plan a's sixty
    (s.index_dir / "gen" / str(ix.generation) / "idf.json.gz").unlink()
    ix._idf = None
    assert ix.idf().df_folded.get("luong", 0) == 0 and ix.idf().df_folded["kinh"] == 1


def _counts(idf: Idf) -> tuple:
    return idf.n, +idf.df, +idf.df_folded, +idf.df_accented


def test_idf_stored_with_each_generation_matches_a_rebuild(tmp_path) -> None:
    """The publisher keeps the Idf up to date (previous counts - replaced/deleted plans + new ones) and
    stores it with the generation; a fresh process reads it instead of tokenising every unit."""
    from assistant.embedder import FakeEmbedder
    from assistant.index.index import Index
    from assistant.settings import Settings

    def plan(path, text):
        path.write_text(text, encoding="utf-8")
        from ingest.pipeline import parse_path

        return parse_path(path).document

    s = Settings(home=tmp_path / "home", chroma_url="", embedder="fake", corpus_dir=tmp_path / "none")
    a_v1 = plan(tmp_path / "a.md", "# KẾ HOẠCH\n\n## I. MỤC TIÊU\n\nĐầu tư phòng học STEM cho 12 trường THCS.\n")
    a_v2 = plan(tmp_path / "a.md", "# KẾ HOẠCH\n\n## I. MỤC TIÊU\n\nLương giáo viên chi trả không dùng tiền mặt.\n")
    b = plan(tmp_path / "b.md", "# KẾ HOẠCH\n\n## I. NỘI DUNG\n\nTỷ lệ hồ sơ xử lý trên môi trường mạng đạt 50%.\n")
    ix = Index(s, FakeEmbedder())

    def check() -> None:
        fresh = Index(s, FakeEmbedder())
        stored = fresh.stored_idf()
        assert stored is not None
        assert _counts(stored) == _counts(Idf([u.embed_text for u in ix.units()]))
        assert fresh.idf() is stored

    ix.add_documents([a_v1, b])
    check()
    ix.add_documents([a_v2])  # replaced
    check()
    assert ix.stored_idf().df_folded.get("stem", 0) == 0 and ix.stored_idf().df_folded["luong"] == 1
    ix.delete_document("b")
    check()

    # A generation written before Idfs were stored: none is read, and the next publish counts it afresh.
    (s.index_dir / "gen" / str(ix.generation) / "idf.json.gz").unlink()
    old = Index(s, FakeEmbedder())
    assert old.stored_idf() is None
    assert _counts(old.idf()) == _counts(Idf([u.embed_text for u in old.units()]))
    old.add_documents([b])
    ix = old
    check()
