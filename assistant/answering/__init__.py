"""Answer strategies, one per file, each `run(asked) -> AskResponse | None`, tried in this order by
assistant/answerer.py (the first answer wins):

1. staff_intents.StaffIntents — "những chỉ tiêu chưa đạt", "kiểm tra kế hoạch": the staff tools' findings;
2. reader_digest.ReaderDigest — "tôi dạy THCS, cần đạt những gì": every target and task for that reader;
3. document_facts.DocumentFacts — who signed the document, when, its number, issuer, recipients: its header;
4. issue_gap.IssueGap — days from the day the document was issued to a date the question writes;
5. legal_bases.LegalBases — the documents it is based on ("căn cứ"), listed or counted;
6. quantity_sums.QuantitySums — "tổng cộng bao nhiêu phòng": a table's quantity column summed over the rows
   counting that thing;
7. ordinal_rows.OrdinalRows — "khoa đứng thứ 3 là khoa nào": rows asked by their place in a table;
7b. table_columns.TableColumns — "bảng … gồm những cột nào": a table's columns, in order, counted;
7c. amount_pair.AmountPair — "A cao hơn B bao nhiêu", "(tiền ăn cộng tiền nhà ở)": two amounts, each from its
   own passage, subtracted or added;
8. table_answers.TableAnswers — lookups, lists, counts, sums over annex rows, computed and cited;
9. list_answers.ListAnswers — a text's numbered or bulleted list, counted or listed;
10. heading_items.HeadingItems — the points under a heading the question names;
11. fact_answers.FactAnswers — the sentences that cover the question, when the evidence suffices;
12. abstention.Abstention — otherwise "not in the documents".

Then phrasing.Phrasing (optional, KEHOACH_GENERATOR) may rephrase a fact answer with an LLM, kept only when
its grounding checks pass. Each strategy reads the index only through `IndexReader`
(assistant/index/view.py), so it can be tested alone against a small typed fake.
"""
