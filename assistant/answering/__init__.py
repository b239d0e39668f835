"""Answer strategies, one per file, each `run(asked) -> AskResponse | None`, tried in this order by
assistant/answerer.py (the first answer wins):

1. staff_intents.StaffIntents — "những chỉ tiêu chưa đạt", "kiểm tra kế hoạch": the staff tools' findings;
2. reader_digest.ReaderDigest — "tôi dạy THCS, cần đạt những gì": every target and task for that reader;
3. document_facts.DocumentFacts — who signed the document, when, its number, issuer, recipients: its header;
4. quantity_sums.QuantitySums — "tổng cộng bao nhiêu phòng": a table's quantity column summed over the rows
   counting that thing;
5. table_answers.TableAnswers — lookups, lists, counts, sums over annex rows, computed and cited;
6. list_answers.ListAnswers — a text's numbered or bulleted list, counted or listed;
7. fact_answers.FactAnswers — the sentences that cover the question, when the evidence suffices;
8. abstention.Abstention — otherwise "not in the documents".

Then phrasing.Phrasing (optional, KEHOACH_GENERATOR) may rephrase a fact answer with an LLM, kept only when
its grounding checks pass. Each strategy reads the index only through `IndexReader`
(assistant/index/view.py), so it can be tested alone against a small typed fake.
"""
