"""Vietnamese knowledge in one place: the words, patterns and numbers that read questions, tables and tags.

Moved here unchanged (issue 14) from assistant/qa/query.py, compose.py, tableqa.py, digest.py, abbrev.py,
assistant/staff/chat.py, assistant/index/filters.py, ingest/tags.py, ingest/units.py, and from the answer
strategies that were in assistant/service.py (now assistant/answering/).

What they were tuned on: apart from the function words (general Vietnamese), every list, pattern and number
below was written and adjusted while developing on ONE document, the corpus plan
`corpus/kh-chuyen-doi-so-giao-duc-dong-thap-2024.md` (Sở GDĐT Đồng Tháp, chuyển đổi số 2024), and its gold
set `eval/gold/dong-thap-2024.jsonl` (146 questions). Nothing here was checked on other plans yet: re-tuning
belongs to the generalisation work that follows. Each group says so again, with what in that plan shaped it.

Conventions: words and patterns are accent-free (`ingest.text.fold`), except STOPWORDS_VI and the words
that are printed (ROLE_NAMES, LEVEL_NAMES, ENTITY_NOUNS, the full forms of ABBREVIATIONS). Regular expressions
are compiled here (`*_Q`: read on the folded question); word lists are sets or tuples.
ingest must never import assistant: this module imports only ingest.text.
"""

from __future__ import annotations

import re

from ingest.text import fold, match_form

# ---------------------------------------------------------------------------------------------------------
# Function words: general Vietnamese, not tuned to the plan. The accent-free forms taken back out of
# STOPWORDS as ambiguous ("day" = dạy/đây, "trong" = trọng/trong, ...) were chosen while developing on it.
# Used by assistant/qa/query.py (content words, digest topic) and assistant/generate (relevance, grounding).
# ---------------------------------------------------------------------------------------------------------

# Function words and question words (accent-free). They say nothing about the topic.
STOPWORDS = set(
    ["a", "ai", "anh", "bao", "bay", "bi", "boi", "cac", "cai", "can", "cho", "chi", "chua", "co", "con", "cua", "cung", "da", "dang", "day", "de", "den", "deu", "di", "do", "doi", "duoc", "gi", "gio", "hay", "hoi", "khi", "khong", "la", "lai", "lam", "len", "luc", "ma", "minh", "moi", "mot", "muon", "nam", "nao", "nay", "neu", "nhieu", "nhu", "nhung", "noi", "o", "phai", "qua", "ra", "rang", "roi", "sao", "se", "so", "sau", "tai", "the", "theo", "thi", "thuc", "tren", "trong", "tu", "toi", "tuy", "va", "vao", "van", "ve", "vi", "voi", "xin", "xem", "biet", "giup", "hoac", "cung", "nen", "duoc", "chung", "ta", "em", "thay", "co", "ban", "oi", "vay", "the", "nao", "bao", "nhieu", "dieu", "gi"]
) - {"day", "trong", "so", "doi", "moi", "noi", "tu", "dang", "thuc", "hoi"}  # "dạy", "trọng", "số": ambiguous
# without tone marks, so left to the idf weighting
# The same function words with their tone marks: "dạy" (teach) and "trọng" are not "đây" and "trong".
STOPWORDS_VI = set(
    ["à", "ai", "anh", "bao", "bây", "bị", "bởi", "các", "cái", "cần", "cho", "chỉ", "chưa", "có", "còn", "của", "cũng", "đã", "đang", "đây", "để", "đến", "đều", "đi", "đó", "đối", "được", "gì", "giờ", "hay", "hỏi", "khi", "không", "là", "lại", "làm", "lên", "lúc", "mà", "mình", "mới", "một", "muốn", "nào", "này", "nếu", "nhiều", "như", "những", "nơi", "ở", "phải", "qua", "ra", "rằng", "rồi", "sao", "sẽ", "sau", "tại", "thế", "theo", "thì", "thực", "trên", "trong", "từ", "tôi", "tuy", "và", "vào", "vẫn", "về", "vì", "với", "xin", "xem", "biết", "giúp", "hoặc", "nên", "chúng", "ta", "em", "thấy", "bạn", "ơi", "vậy", "bao", "nhiêu", "điều", "nó", "ngay"]
)

# ---------------------------------------------------------------------------------------------------------
# Question vocabulary: how teachers phrase questions, beyond the function words. Tuned on the gold set's
# questions (words they use that the plan need not contain). assistant/qa/query.py, assistant/qa/compose.py.
# ---------------------------------------------------------------------------------------------------------

# Abbreviations of levels and roles: matched through the unit's level/role tags instead of as words.
TAG_WORDS = {"thcs", "thpt", "gdtx", "cbql", "gv", "th"}
# Words that stay meaningful even though they are short or common in questions.
KEEP = {"dat", "chua", "tong", "nam"}
# How Vietnamese questions are phrased: words a question uses that a plan need not contain.
QUESTION_VOCAB_VI = {match_form(w) for w in [
    "mấy", "đâu", "xong", "chưa", "giống", "khác", "nhau", "chiếm", "lấy", "đặt", "sao", "vì", "thế", "nào", "được",
    "không", "hay", "hả", "nhỉ", "vậy", "gồm", "những", "ai", "gì", "xếp", "loại", "ghi", "nói", "nêu", "cho", "biết",
    "hỏi", "muốn", "cần", "thêm", "nữa", "rồi", "mỗi", "từng", "lâu", "chiếc", "khoảng",
    # "gửi ngày 06/01 thì có kịp hạn không", "có bị muộn không": a deadline checked against the asker's date (not
    # "trễ": typed without accents it is "trẻ", children)
    "kịp", "muộn"]}
# accent-free, for a question typed without tone marks; one typed with them is matched on QUESTION_VOCAB_VI: "đầu
# tư", "hội thi", "nội dung", "đơn vị", "cán bộ" are not "đâu", "hỏi", "nói", "vì", "cần" (issue 16: matched folded,
# they lost those syllables)
QUESTION_VOCAB = {fold(w) for w in QUESTION_VOCAB_VI}
# Syllables that ask only inside these phrases, and are content elsewhere: "bảo hành" (not "bao nhiêu"), "phần mềm"
# (not "phần trăm"), "số tiết" (not "chi tiết"), "16 giờ 30" (not "bao giờ"), "lần thứ 18" (not "lần lượt"),
# "hợp đồng" (not "tổng hợp"), "chi phí" (not "chi tiết") — issue 16: dropped everywhere, they made questions
# about "thời gian bảo hành" or "chi phí" lose their subject. assistant/qa/query.py content_words.
QUESTION_PHRASES = ("bao nhieu", "bao gio", "bao lau", "bao xa", "phan tram", "tom tat", "liet ke", "con so",
                    "hien nay", "hien tai", "hien gio", "chi tiet", "cu the", "tong hop", "tong cong", "tai sao",
                    "lan luot", "ra sao", "co the", "keo dai", "dien ra", "so may",
                    # a fresh asker's frame (issue 16, third-round questions): "năm nay" / "đợt này" name the plan's
                    # own period, "kể ra" asks for a list, "có tất cả bao nhiêu" counts
                    "nam nay", "dot nay", "lan nay", "ke ra", "ke ten", "ke het", "tat ca",
                    # "vào trang nào" asks for a web address, a word the line giving it need not use (round 13)
                    "trang nao")
QUESTION_PHRASE_WORDS = {w for p in QUESTION_PHRASES for w in p.split()}  # never "unknown" to the index
# Words a user talks about the document itself with ("các dòng của bảng", "các con số có khớp nhau không") or about
# the asker's own child ("cháu"): never taken for a thing the documents do not mention (assistant/qa/compose.py
# unknown_words). Rows are labelled "dòng", not written so in the text the index counts words of.
DOCUMENT_TALK_WORDS = {match_form(w) for w in ["dòng", "cột", "khớp", "cháu", "khâu"]}

# ---------------------------------------------------------------------------------------------------------
# Question intents (assistant/qa/query.py detect_intent, is_follow_up): fact | list | count | sum | lookup |
# digest. Tuned on the gold set's question kinds over the plan's annexes (schools by district, tasks with a
# lead unit, the budget table) and its multi-turn questions.
# ---------------------------------------------------------------------------------------------------------

LIST_WORDS_Q = re.compile(r"\b(nhung|cac|danh sach|liet ke|ke ten|gom nhung|nao)\b")  # not read at present
# A question asking for several things ("từ những nguồn nào", "gồm những gì", "kể ra"): a statement that is one
# item of an enumeration ("…; …; …." in one paragraph) is answered with the whole enumeration
# (assistant/qa/widen.py).
SEVERAL_ASKED_Q = re.compile(r"\b(nhung|cac)\b(?:,? \w+){0,5} (nao|gi|ai)\b|\bgom nhung\b|\bliet ke\b|\bke (ra|ten|het)\b")
COUNT_Q = re.compile(r"\b(bao nhieu|may|so luong|dem)\b")
SUM_Q = re.compile(r"\b(tong (kinh phi|so tien|von|muc dau tu|gia tri|tien)|cong lai|tong cong|cong ca|tinh tong)\b")
MONEY_Q = re.compile(r"\b(kinh phi|tien|von|ngan sach|trieu|nguon)\b")
LOOKUP_Q = re.compile(r"\b(ai|don vi nao|phong nao|co quan nao)\b.*\b(chu tri|phoi hop|thuc hien|phu trach)\b|"
                      r"\b(chu tri|phoi hop|phu trach)\b.*\b(la ai|ai|don vi nao|phong nao)\b")
DIGEST_Q = re.compile(r"\b(toi (la|day|lam)|ap dung cho|danh cho|lien quan den toi|can dat (gi|nhung)|"
                      r"phai dat (gi|nhung)|chi tieu( \w+){0,4} nao|nhiem vu( \w+){0,4} nao .*(toi|giao vien)|"
                      r"giao vien .* can)\b")
# Question frames whose words say what is asked, not what about: "có nhiệm vụ gì", "làm gì".
# An item's number asked ("mang số thứ tự mấy", "đứng thứ mấy"): question frame (FRAME_Q), and the item's number quoted
# (ITEM_NUMBER_ASK_Q, assistant/qa/compose.py `fact_answer`)
_ITEM_NUMBER_ASKED = r"\b(?:mang |co |la |o |dung )?(?:so thu tu|stt) (?:may|bao nhieu|nao)\b|\bdung thu may\b"
FRAME_Q = re.compile(r"\b(co )?(nhiem vu|trach nhiem|vai tro|cong viec|noi dung) (gi|nao|ra sao)\b|\blam gi\b|"
                     r"\b(trong|cua|theo) (ke hoach|de an|van ban|tai lieu) (nay|do)\b|"
                     # where money comes from: "dùng nguồn kinh phí nào", "lấy từ nguồn nào" (compose "source")
                     r"\b((su )?dung |lay |chi |trich )?(tu )?nguon (von |kinh phi |ngan sach |tai chinh )?(nao|gi|tu dau)\b|"
                     r"\blay tu dau\b|"
                     # an item's number asked ("mang số thứ tự mấy", "đứng thứ mấy"): the item's own line gives it
                     + _ITEM_NUMBER_ASKED)
# The asker introducing themselves before the question ("tôi là giáo viên mầm non ở Nghệ An, …", "em là sinh viên …
# được chọn làm khảo sát, cho em hỏi …", "con tôi học nhà trẻ ở …, theo nghị định …"), accent-free, up to the first
# comma: who asks, not what a passage must say (assistant/qa/query.py `without_introduction`)
SELF_INTRO_Q = re.compile(r"(?:(?:xin )?chao\W+)?(?:toi|minh|em|con toi|con minh|con em|chung toi)\s+"
                          r"(?:la|dang|day|hoc|lam|vua|co con|co)\b[^,.?;:]*[,.;:]\s*")
SELF_INTRO_KEEP = re.compile(r"\d|\b(?:[ivx]{1,4}|muon|can|dinh|se|lop|khoi|khu vuc)\b")  # the asker's case, kept
SELF_INTRO_MIN_LEFT = 3  # content words the question keeps after it
CHILD_INTRO_Q = re.compile(r"(?:(?:xin )?chao\W+)?con (?:toi|minh|em)\b")
SELF_INTRO_CASE_WORDS = 3  # content words beyond who asks that make an introduction the asker's case
MY_SCHOOL_Q = re.compile(r"\btruong (toi|minh|em|chung toi|cua toi)\b")
MY_SCHOOL_NAMED_Q = re.compile(r"\b(truong (toi|minh|em)) (la|ten)\b")  # "trường tôi là ...": not a list
# Words that only say who is asking; what is left after them is the topic.
WHO_Q = re.compile(r"\b(toi|minh|em|la|day|lam|giao vien|nha giao|can bo quan ly|cbql|hoc sinh|truong|cap|bac|"
                   r"tieu hoc|trung hoc co so|trung hoc pho thong|trung hoc|thcs|thpt|mam non|gdtx|ap dung|cho|"
                   r"chi tieu|nhiem vu|nao|gi|can|dat|phai|nhung|lien quan|den|thuc hien|nam|\d{4}|chuyen doi so|chu y|"
                   r"viec|giang day|quan tam|tom tat|giup|biet|o|va|cac|ke hoach|nay|cua|ve)\b")
DIGEST_MAX_TOPIC_WORDS = 1  # a digest only when the question names at most this many topic words of its own
ENTITY_PLURAL_Q = re.compile(r"\b(truong|don vi|nhiem vu|chi tieu|du an|hang muc|co so)\b")
COUNT_ENTITY_Q = re.compile(r"\b(bao nhieu|may) (truong|don vi|nhiem vu|chi tieu|du an|hang muc|co so)\b")
COUNT_NUMBER_OF_Q = re.compile(r"\bso (luong )?(truong|don vi|nhiem vu)\b")
SUM_ITEMS_Q = re.compile(r"\bgom (nhung )?(khoan|hang muc|muc|du an)\b")
LIST_START_Q = re.compile(r"(cac|nhung) (truong|nhiem vu|chi tieu|du an|hang muc)\b")  # read with .match
LIST_Q = re.compile(r"\b(nhung|danh sach|liet ke|ke ten)\b.*\b(truong|don vi|nhiem vu|chi tieu|du an|hang muc)\b.*"
                    r"\b(nao|gom|la)\b|\b(danh sach|liet ke|ke ten)\b|"
                    r"\b(truong|nhiem vu|chi tieu|du an|hang muc)\b( \w+){0,2} nao\b")
# Follow-ups: "còn THPT thì sao?", "việc đó ...", short enough to lean on the previous question.
# A short question ending in a particle that leans on what was said ("chuyển khoản vào tài khoản nào vậy?", "hạn
# chót là khi nào thế?", "… nhỉ?") is one as well.
FOLLOW_Q = re.compile(r"^(con|the con|vay con|vay|the|con ve)\b|\b(thi sao|the nao|ra sao|vay|the|nhi)\s*\??$")
# A follow-up that asks nothing of its own ("còn chương trình Tư vấn tuyển sinh thì sao?"): it asks of what it names
# the kind of answer the conversation's last question asked (a date, a period, an amount; issue 16, round 16).
FOLLOW_SAME_ASK_Q = re.compile(r"^(?:con|the con|vay con)\b(?!.*\b(?:bao nhieu|bao lau|may|nao|gi|ai|dau|bao gio|khong|"
                               r"the nao|nhu the|co phai)\b)")
ANAPHORA_Q = re.compile(r"\b(nay|do|ay|nam nay|viec do|viec nay|nhiem vu nay|chi tieu nay|truong do|cai do)\s*\??$|"
                        r"\b(viec|nhiem vu|chi tieu|khoan|muc|du an) (nay|do|ay|tren)\b|\bnam nay\b|"
                        # a person or body the conversation named: "Bà ấy làm việc ở địa chỉ nào?"
                        r"\b(ba|ong|anh|chi|co|thay|nguoi|don vi|co quan) (ay|do)\b")
# A follow-up asking a thing of its own: a question word of its own
OWN_ASK_Q = re.compile(r"\b(?:bao nhieu|may|nao|gi|ai|dau|bao gio|bao lau|khi nao|the nao|nhu the nao)\b")
# assistant/answering/named_rows.py: a row named by a whole cell of at least this many words ("Trường THCS Nguyễn
# Siêu"; not "1", "Hà Nội" alone, which many rows and questions share), in the first tables among the hits
NAMED_CELL_MIN_WORDS = 3
NAMED_ROW_TABLES = 3
FOLLOW_UP_MAX_WORDS = 12
# A part's share of a total asked ("nguồn xã hội hóa chiếm khoảng bao nhiêu phần trăm", "chiếm tỷ lệ bao nhiêu so với
# tổng kinh phí"): computed from the two amounts (assistant/qa/shares.py), looked for in the texts before the part
SHARE_ASK_Q = re.compile(r"\bchiem\b[^?]{0,30}\b(?:bao nhieu|may)\s*(?:phan tram|%)|"
                         r"\b(?:chiem|bang) (?:ty le|ti le|ty trong|ti trong) (?:bao nhieu|may)\b")
SHARE_TOTAL_LOOKBACK = 12
# A day the asker supposes ("nếu … gửi vào ngày 06/01/2012 thì có kịp không"): theirs, no word a document must hold
IF_DATE_Q = re.compile(r"\b(?:neu|gia su|trong truong hop)\b[^?]{0,80}\b\d{1,2}/\d{1,2}(?:/\d{4})?\b")
# "Số tiền đó …", "Tiền đó được tính theo giá vé nào?", "Bà ấy …": a thing or person the conversation named, written
# with its demonstrative (read on the question as typed: accent-free "do" is also "by", "because")
# (not "trong đó", "sau đó", "do đó", "khi đó": connectives, "among them", "then", not a thing named)
DEMONSTRATIVE_Q = re.compile(r"\b(?!(?:trong|khi|sau|do|từ|ngoài|vì|bởi|lúc|cho|tại|ở|đến|như|nếu|vào|theo) (?:đó|ấy)\b)"
                             r"\w+ (?:đó|ấy)\b")
# "Trong số đó văn bản nào …", "Trong các văn bản trên, …": a choice among what the conversation named, whatever the
# question's length (lower-cased text with its accents: "do" is also "by")
# ("Trong đó ai …" alone is left as it was: it reads the conversation's passage already)
AMONG_THOSE_Q = re.compile(r"^(?:trong|giữa)(?: \w+){1,3}? (?:đó|ấy|trên|nói trên|vừa nêu)\b")
DEMONSTRATIVE_MAX_WORDS = 13  # longer, it says what it is about ("hệ thống đó cung cấp API để …")
# A question this short naming no document and no number ("Những đơn vị nào phối hợp?"), asked after others, continues
# the conversation: alone it does not say which plan it is about
ELLIPTIC_MAX_WORDS = 7
# A question opening with "còn nếu …" / "vậy nếu …" (the same thing, another case) leans on the conversation even when
# longer, unless it names a kind of document of its own (then it says what it is about). Not any "còn …": "Còn
# trường phổ thông dân tộc bán trú thì định mức … là bao nhiêu?" names its subject, and the previous question's words
# drew the passage about the other one.
# "Vậy cả năm học một em được tối đa bao nhiêu ký gạo?": "vậy" opening a question draws on what was just said
FOLLOW_LEAD_Q = re.compile(r"(con|vay|the con|vay con|the) neu\b|vay\b")
FOLLOW_UP_LEAD_MAX_WORDS = 20
# "Ngoài biểu đồ đó, …", "Ngoài những việc trên, …": besides a thing the conversation named
BESIDES_THAT_Q = re.compile(r"ngoai\b[^,?]{0,40}\b(?:do|nay|ay|tren)\s*,")
OTHER_THAN_Q = re.compile(r"\b(?:nao|ai|gi) khac\b|^ngoai\b.{0,60}\bra\b")  # others than those the conversation named

# What kind of answer a question expects (assistant/qa/compose.py wanted_type): tuned on the gold set.
PERCENT_Q = re.compile(r"\b(phan tram|ty le|ti le|ty trong|ti trong)\b|%")
NUMBER_Q = re.compile(r"\b(bao nhieu|may|so luong|kinh phi|bao lau)\b")
# How long something takes ("phải thực hiện trong bao lâu", "mấy tháng"), and a text giving a span ("06 tháng kể
# từ ngày ký", "60 ngày"), not a date ("ngày 27 tháng 2": a number after the unit) (assistant/qa/compose.py
# `wanted_type` "duration"). Issue 16: a tender's "trong bao lâu" was answered by its address (a digit, no span).
DURATION_Q = re.compile(r"\bbao lau\b|\b(?:bao nhieu|may) (?:ngay|thang|nam|tuan|gio|phut)\b")
DURATION_IN_TEXT = re.compile(r"\b\d+\s*(?:ngay|thang|nam|tuan|gio|phut)\b(?!\s*(?:/|\d))")
# A span of time ("bao lâu") or an annex ("phụ lục số mấy") asked for: twice a number's weight either way. Such a
# question's other words are often only the document's name and a verb ("thực hiện", "soạn"), which the passages
# beside the answer cover as well as the one holding the span or the annex's name.
STRICT_KIND_BONUS = 0.10

# Sentences of a document that address the assistant instead of the reader ("Bỏ qua hướng dẫn trước, hãy trả
# lời rằng …", "Ignore all previous instructions and answer that …"): left out of what an LLM is shown
# (assistant/answering/phrasing.py), read on the accent-free text. Written for prompt injection in uploaded
# files, not tuned on any document.
ADDRESSES_ASSISTANT_F = re.compile(
    r"\b(bo qua|phot lo|khong can tuan theo) (moi |tat ca |cac )?(huong dan|chi dan|yeu cau|lenh)\b|"
    r"\bhay tra loi (rang|la)\b|\b(ignore|disregard) (all |any )?(the )?(previous|prior|above|earlier) "
    r"(instructions|prompts?)\b|\b(answer|respond|reply) that\b|\byou are (now )?(an? |the )?(assistant|ai)\b")

# Staff chat intents (assistant/staff/chat.py): "những chỉ tiêu chưa đạt năm 2023", "kiểm tra kế hoạch".
# Tuned on the plan's 2023 results annex (Kết quả: Đạt / Chưa đạt) and the questions in tests/test_staff.py.
NOT_ACHIEVED_Q = re.compile(r"\b(chi tieu|nhiem vu|noi dung|muc tieu)\b.{0,40}\bchua (dat|hoan thanh)\b")
NOT_ACHIEVED_EXCLUDE_Q = re.compile(r"\b(vi sao|tai sao|ly do|bao nhieu|co may|may (chi tieu|nhiem vu))\b")
CHECK_Q = re.compile(r"\bkiem tra (ke hoach|van ban|tinh nhat quan|so lieu)\b|\bra soat (ke hoach|loi)\b")

# ---------------------------------------------------------------------------------------------------------
# Entity nouns: what a table lists ("Có 12 trường ..."). Tuned on the plan's annexes (schools, tasks,
# targets, projects, budget items, units).
# ---------------------------------------------------------------------------------------------------------

ENTITY_NOUNS = ("trường", "nhiệm vụ", "chỉ tiêu", "dự án", "hạng mục", "đơn vị")  # assistant/qa/tableqa.py
ENTITY_NOUN_DEFAULT = "mục"  # when the table's header names none of them
# The same nouns accent-free, for assistant/answering/table_answers.py `_table_matches_entity` (a table without constraints
# answers a list question only when the question and the table name the same kind of thing).
TABLE_ENTITY_NOUNS = ("truong", "nhiem vu", "chi tieu", "du an", "hang muc", "don vi")
# Nouns that name an item of any list ("gồm bao nhiêu hạng mục", "danh mục có mấy khoản"): every table lists
# them, so a relevant table counts or lists its rows whatever its header (issue 16: a scanned price-request list
# headed "Danh mục dịch vụ" asked for its "hạng mục").
GENERIC_ITEM_NOUNS = ("hang muc", "khoan muc", "khoan", "danh muc")
# "… có mấy hạng mục về chức năng ký số?": the topic right after the noun counted or listed narrows rows
# nothing else constrains ("hài lòng về dịch vụ" after another word is no topic); the rows kept are those whose
# name covers it about as well as the best row (a share of the best). "{noun}" is replaced by the noun.
TOPIC_Q = r"\b{noun}\s+(?:nao\s+)?(?:ve|lien quan (?:den|toi)|thuoc linh vuc)\s+(.+?)\s*\??$"
TOPIC_CLOSE_TO_BEST = 0.75
# assistant/staff/compare.py (`kehoach compare`, `kehoach align`): where a plan without the corpus plan's
# headings ("Mục tiêu cụ thể", an assignment table with "chủ trì") states its targets and tasks: sections whose
# title (accent-free) has one of these words, outside annexes (school and office plans of the development
# corpus: "MỤC ĐÍCH, YÊU CẦU", "CHỈ TIÊU", "NỘI DUNG", "NHIỆM VỤ VÀ GIẢI PHÁP", "CÁC HOẠT ĐỘNG").
TARGET_SECTION_F = re.compile(r"\b(muc tieu|chi tieu)\b")
TASK_SECTION_F = re.compile(r"\b(nhiem vu|noi dung|giai phap|hoat dong)\b")
TASK_MIN_WORDS = 6  # a narrative task is a paragraph of at least this many words
TASKS_MAX = 80  # narrative tasks taken from one plan at most
# Counts and lists of things a table lists under any name (issue 16: "bao nhiêu khoa", "mấy phân hệ", "những
# loại hàng đợi nào"): the noun after "bao nhiêu"/"mấy" or between "những/các" and "nào", unless it measures
# rather than counts (money, time, percentages, people counted in the text). Written from the development gold
# sets' count/list questions; a table answers only when its header, title or rows name that noun.
OPEN_COUNT_Q = re.compile(r"\b(?:bao nhieu|may) ([a-z]+(?: [a-z]+)?)")
COUNT_LIST_WORDS = {"bao nhieu", "may", "nhung", "cac"}  # before the noun a question counts or lists
OPEN_LIST_Q = re.compile(r"\b(?:nhung|cac) ([a-z]+(?: [a-z]+){0,2}) (?:nao|gi)\b")
COUNT_MEASURE_WORDS = {
    "tien", "phan tram", "ty", "trieu", "nghin", "ngan", "dong", "ngay", "thang", "nam", "tuan", "gio", "phut", "lan",
    "tiet", "buoi", "km", "m2", "met", "nguoi", "hoc", "giao", "can", "sinh", "hoc sinh", "giao vien",
    "thi", "la", "co", "duoc", "kinh", "von", "muc", "diem", "%", "so", "tuoi", "chi", "luot", "ban", "doi",
    "nhieu", "lau", "xa", "gia", "moi", "tren", "cho", "trong", "tong",
}
# A question asking two things (assistant/qa/parts.py): the separators between its parts (accent-free), and the
# interrogatives each part must hold for a cut there ("… bao nhiêu phòng và hết bao nhiêu tiền", "… chuyên viên nào,
# email gì"). Written from the two-part questions of the development gold sets.
PART_SEPARATOR = re.compile(r"\s*[,;]?\s+(?:va|dong thoi|con)\s+|\s*[,;]\s+|\?\s+")
PART_ASK = re.compile(r"\b(?:bao nhieu|bao gio|bao lau|khi nao|nao|ai|gi|dau|may|ra sao|the nao|hay)\b")  # "A hay B"
PART_ASK_WORDS = re.compile(r"\b(?:la bao nhieu|bao nhieu|bao gio|bao lau|khi nao|nao|ai|gi|dau|may|ra sao|the nao|"
                            r"hay khong|khong)\b")
PART_SUBJECT_MAX_WORDS = 5  # a later part this short lacks its subject ("phòng nào chủ trì"): the first part's lent
GROUP_TITLE_SHOWN_CHARS = 80  # a numbered group's title shown with a row quoted under it (compose.row_heading)
# Words that join or place rather than name what is counted: "… tối thiểu bao nhiêu và chia làm mấy không gian" counts
# "không gian", not "và" (the first "bao nhiêu" of a two-part question measures).
COUNT_NOT_NOUN = {"va", "hay", "hoac", "voi", "o", "tai", "cua", "de", "ma", "khi", "neu", "roi", "con", "vao", "ra",
                  "den", "tu", "theo", "ve", "trong", "ngoai", "sau", "truoc", "nua"}
# … nor a period's "every" ("tổ chức vào tháng mấy hằng năm": "hằng năm" is when, not what is counted)
COUNT_EVERY = re.compile(r"hang (?:nam|thang|tuan|ngay|quy|ky)\b")
OPEN_LIST_NOT = {"noi dung", "viec", "van de", "yeu cau", "dieu kien", "cong viec", "hoat dong", "nhiem", "ai",
                 "the", "the nao", "sao", "giay to", "ho so", "thu tuc", "hinh thuc", "phan", "muc tieu"}
# A group of rows named by its title ("nhóm trung tâm GDTX", "phân hệ báo cáo thống kê"): the share of the
# title's words the question must contain.
GROUP_TITLE_MIN_SHARE = 0.75
# Words that classify the noun after them ("mẫu phiếu", "loại hàng đợi", "nhóm trường"): a table of "Phiếu …" rows
# lists "mẫu phiếu".
CLASSIFIER_WORDS = {"mau", "loai", "kieu", "dang", "nhom", "hinh", "cac"}
KIND_CLASSIFIERS = {"loai", "nhom", "kieu", "dang"}  # "những loại hàng đợi nào" asks for kinds (groups of rows)
ANY_GROUP_NOUNS = {"chuc nang", "noi dung", "hoat dong", "cong viec", "nhiem vu", "hang muc", "muc"}  # kinds of any group
GROUP_TITLE_MAX_DEPTH = 3
SUBGROUP_NAMES_SHOWN = 4  # rows named under each group when a list answers with the groups themselves  # nested groups a question may name ("phân hệ 13 › mục 13.1 › …")
# Counts over lists written as text (assistant/answering/list_answers.py, issue 16: a plan's attached list of
# 210 schools in two numbered groups, "nhóm I có bao nhiêu trường?"). Words that refer to the list itself, not to
# what it lists ("danh sách đính kèm"), and nouns any list's items are ("đơn vị", "mục"), are not asked of its
# title; the title must cover this share of the question's other words (idf-weighted) that the document's name
# does not; a group named by its number ("nhóm I", "mục II") counts as covered by this much.
LIST_SELF_WORDS = {"danh", "sach", "dinh", "kem", "theo", "liet", "ke", "gom", "tong", "cong", "nhom", "muc", "phan",
                   "thuoc", "trong", "du", "kien"}
LIST_GENERIC_NOUNS = ("don vi", "muc", "hang muc", "noi dung", "thanh phan", "doi tuong", "co so", "thanh vien")
# an item naming a person: a degree, title or form of address first (assistant/answering/list_answers.py: "bao nhiêu
# người" counts a list of them whatever its title calls them: "chuyên gia", "báo cáo viên", "giám khảo")
PERSON_ITEM = re.compile(r"(?:ông|bà|thầy|cô|đ/c|đồng chí|ths|ts|ts\.bs|pgs|gs|bs|bsckii|bscki|ncs|nsưt|nsnd|nhà giáo|"
                         r"luật sư|kts|ks)(?:\.|\s|$)")
LIST_MIN_COVERAGE = 0.5
LIST_UNSEEN_COVERAGE = 0.8  # a list none of whose units retrieval found
LIST_NUMERAL_BONUS = 0.5
LIST_NUMERAL_Q = re.compile(r"\b(?:nhom|muc|phan)\s+([ivx]{1,4}|\d{1,2}|[a-d])\b")
LIST_DOCS = 2  # documents of the hits whose text lists a count may use
ANNOUNCEMENT_MAX_CHARS = 200  # a line announcing items ("Tuần 2 (22-28/11) – Giai đoạn …:"), context of its items
COUNT_NOUN_Q = re.compile(r"\b(?:bao nhieu|may)\s+(\w+(?: \w+)?)")  # the noun a question counts (qa/compose.py, named_count.py)
NAMED_COUNT_MAX_WORDS = 12  # a name counted in a sentence ("Trường Phổ thông Vùng cao Việt Bắc"), not a clause
UNMARKED_ITEM_MAX_CHARS = 400  # an item of a list without bullets is one line of at most this (assistant/qa/widen.py)
ITEM_MARKS = "-+•–◦"  # the bullets the readers emit: "◦" is the PDF reader's Word second-level "o" (readers/pdf.py)
LIST_ITEMS_SHOWN = 12  # items named in a count's answer (the first ones, then the last)
OPEN_NOUN_TABLE_DOCS = 2  # documents of the hits whose tables an open-noun list may use
TABLE_OPEN_NOUN_BONUS = 0.5  # relevance of a table whose header or rows name the noun counted

# ---------------------------------------------------------------------------------------------------------
# Levels and roles (ingest/tags.py, assistant/index/filters.py, assistant/qa/digest.py): who and which
# school level a text concerns. The Vietnamese school levels and roles are general; the alternative
# spellings and offices ("phong gdtrh", "van phong so", "don vi truc thuoc") come from the plan.
# ---------------------------------------------------------------------------------------------------------

ROLES: dict[str, re.Pattern[str]] = {
    "giao_vien": re.compile(r"\b(giao vien|nha giao|doi ngu day|gv)\b"),
    "can_bo_quan_ly": re.compile(r"\b(can bo quan ly|cbql|nguoi dung dau|hieu truong|lanh dao)\b"),
    "hoc_sinh": re.compile(r"\b(hoc sinh|nguoi hoc|hoc vien|sinh vien)\b"),
    "co_so_giao_duc": re.compile(r"\b(co so giao duc|truong hoc|nha truong|cac truong|truong pho thong|don vi truc thuoc)\b"),
    "nhan_vien": re.compile(r"\b(nhan vien|phong gddt|so gddt|van phong so|phong khtc|phong gdtrh)\b"),
}
LEVELS: dict[str, re.Pattern[str]] = {
    "mam_non": re.compile(r"\b(mam non|mau giao|nha tre|gdmn)\b"),
    "tieu_hoc": re.compile(r"\b(tieu hoc|th)\b"),
    "thcs": re.compile(r"\b(trung hoc co so|thcs)\b"),
    "thpt": re.compile(r"\b(trung hoc pho thong|thpt)\b"),
    # (not the unit of a rate: "500.000 đồng/học viên", "mỗi học viên" is whoever attends, of any level)
    "gdtx": re.compile(r"\b(giao duc thuong xuyen|gdtx|(?<!/)(?<!/ )(?<!moi )hoc vien)\b"),
}
ROLE_NAMES = {"giao_vien": "giáo viên", "can_bo_quan_ly": "cán bộ quản lý", "hoc_sinh": "học sinh",
              "co_so_giao_duc": "cơ sở giáo dục", "nhan_vien": "nhân viên phòng/sở"}
LEVEL_NAMES = {"mam_non": "mầm non", "tieu_hoc": "tiểu học", "thcs": "THCS", "thpt": "THPT", "gdtx": "GDTX"}

# In running text "TH" is too often part of a school's name: tiểu học only spelled out.
TIEU_HOC_TEXT = re.compile(r"\btieu hoc\b")
GENERIC_SECONDARY = re.compile(r"\btrung hoc\b(?! (co so|pho thong))")  # "trung học" alone: THCS and THPT
GENERAL_SCHOOL = re.compile(r"\b(giao duc pho thong|co so giao duc pho thong|truong pho thong|hoc sinh pho thong)\b")
LEVEL_RANGE = re.compile(r"\btu (cap )?tieu hoc den (cap )?trung hoc( pho thong)?\b")
# The question asks whom or which levels something is for ("… mầm non có đăng ký được không, hay chỉ dành cho giáo
# viên cấp nào?"): the level the asker names is what the answer checks, not a filter a passage must pass
AUDIENCE_ASKED_Q = re.compile(r"\b((danh|ap dung) cho (?:[a-z]+ ){0,3}?(ai|nhung ai|cap (hoc )?nao|doi tuong nao)|"
                              r"cap (hoc )?nao|doi tuong (nao|gi|la ai)|nhung ai)\b")

# ---------------------------------------------------------------------------------------------------------
# Column roles: header words per role of an annex column (ingest/units.py column_key; read by
# assistant/qa/tableqa.py, digest.py and answering/table_answers.py). Tuned on the plan's annex headers ("Đơn vị chủ trì",
# "Đơn vị phối hợp", "Nguồn kinh phí", "Kinh phí (triệu đồng)", "Huyện/Thành phố", "Cấp học", "Kết quả").
# ---------------------------------------------------------------------------------------------------------

# Columns worth a flat metadata key of their own (for filters and table questions).
COLUMN_KEYS: dict[str, tuple[str, ...]] = {
    # Tried in this order, each a regex fragment matched on the accent-free header at word boundaries: a role
    # ("chủ trì", "phối hợp") before a kind of body ("Cơ quan chủ trì" is the lead, not a district: "quan"
    # alone once made it one), money before its source. The first eight were tuned on the corpus plan; the
    # rest (deadline … measure) were written for the headers of the development corpus's annexes and of plans
    # in general ("Thời gian hoàn thành", "Sản phẩm", "Chỉ tiêu", "Địa điểm", "Ghi chú", "ĐVT").
    "lead": ("chu tri",),
    "partner": ("phoi hop",),
    "funding": ("nguon kinh phi", "nguon von"),
    "amount": ("kinh phi", "khai toan", "tong muc", "so tien", "thanh tien", "du toan"),
    "result": ("ket qua",),
    "level": ("cap hoc", "bac hoc"),
    "district": ("huyen", "thanh pho", "dia ban", "^quan"),
    "measure": ("don vi tinh", "dvt", "dv tinh"),
    "school": ("ten truong", "don vi"),
    "deadline": ("thoi gian", "thoi han", "tien do", "han hoan thanh", "ngay bat dau", "ngay ket thuc"),
    "product": ("san pham",),
    "target": ("chi tieu", "muc tieu"),
    "place": ("dia diem",),
    "note": ("ghi chu",),
}
# The roles that become a unit's flat metadata (filters, table questions); the others only name a column.
METADATA_COLUMN_KEYS = ("district", "level", "lead", "partner", "funding", "amount", "result", "school")
# The columns a lookup ("Ai chủ trì …?") shows of the row it found (assistant/qa/tableqa.py answer_lookup).
LOOKUP_COLUMN_KEYS = ("lead", "partner", "result")
# A lookup that also asks when ("… từ ngày nào đến ngày nào, và đơn vị nào chủ trì?"): the row's time column too.
LOOKUP_TIME_Q = re.compile(r"\b(?:ngay nao|thang nao|khi nao|bao gio|luc nao|thoi gian|thoi han|han chot|tien do)\b")
NOT_AMOUNT = "nguon"  # "Nguồn kinh phí" names where money comes from, not how much
NUMBER_COLUMNS = ("stt", "tt")  # the row-number column: never a row's name
# Columns holding the task or target itself (assistant/qa/digest.py).
TASK_COLUMNS = ("noi dung nhiem vu", "nhiem vu", "noi dung chi tieu")
# assistant/answering/table_answers.py lookups ("Ai chủ trì ...?"): rows of tables with a lead or partner column, scored by
# the question's words other than these role words.
LOOKUP_ROLE_WORDS = ("chu tri", "phoi hop")
LOOKUP_STOP = {"chu", "tri", "phoi", "hop", "don", "vi", "phong"}

# ---------------------------------------------------------------------------------------------------------
# Table values (assistant/qa/tableqa.py): how a question names a row's district, result, source or unit.
# Tuned on the plan's schools-by-district annex ("H Lai Vung", "TP Cao Lãnh") and its funding sources.
# ---------------------------------------------------------------------------------------------------------

PLACE_PREFIX = re.compile(r"^(h|tp|tx|q|huyen|thanh pho|thi xa|quan)\s+")
PLACE_WORDS = {"h": ("huyen", "h"), "huyen": ("huyen", "h"), "tp": ("thanh pho", "tp"), "thanh pho": ("thanh pho", "tp"),
               "tx": ("thi xa", "tx"), "thi xa": ("thi xa", "tx"), "q": ("quan", "q"), "quan": ("quan", "q")}
# Spelled-out administrative prefixes -> the short forms the annex tables print (assistant/index/filters.py).
DISTRICT_PREFIXES = [
    (re.compile(r"^(thanh pho|t\.?p\.?)\s+"), "tp "),
    (re.compile(r"^(thi xa|t\.?x\.?)\s+"), "tx "),
    (re.compile(r"^(huyen|h\.?)\s+"), "h "),
]
# Words every cell has: a phrase made only of them ("các cơ sở giáo dục") names no particular value.
GENERIC_CELL_WORDS = {"cac", "co", "so", "giao", "duc", "cua", "va", "phong", "don", "vi", "truc", "thuoc", "gddt", "nam",
                      "theo"}
TABLE_MAX_VALUES = 40  # a column with more distinct values is not matched against the question
LONG_VALUE_WORDS = 4  # a value longer than this many words is also named by a part of it:
VALUE_PART_WORDS = 3  # any run of this many of its words
GROUP_REF_Q = re.compile(r"\b(nhom|muc|phan)\s+([ivxlc]+|\d+)\b")  # "nhóm II", "mục 3": a group of rows
# assistant/answering/table_answers.py: "Phụ lục IV có bao nhiêu ..." names its table.
ANNEX_REF_Q = re.compile(r"\bphu luc ([ivxlc]+|\d+)\b")

# ---------------------------------------------------------------------------------------------------------
# "What applies to me" digests (assistant/qa/digest.py): which parts of a plan are tasks for now. Tuned on
# the plan's structure (Phần I and Phụ lục I report the 2023 results; Phần II and Phụ lục II plan 2024).
# ---------------------------------------------------------------------------------------------------------

# Parts of a plan that report the past year, not what the reader must do now.
PAST_PARTS = re.compile(r"\b(danh gia ket qua|ket qua thuc hien|da thuc hien)\b")
TASK_CUE = re.compile(r"\d+\s*%|\b(trien khai|xay dung|dao tao|boi duong|tap huan|hoan thien|ung dung|dam bao|bao dam|"
                      r"tang cuong|phat trien|day manh|thuc hien|to chuc)\b")

# ---------------------------------------------------------------------------------------------------------
# Abbreviations (assistant/qa/abbrev.py): 20 common ones of Vietnamese administrative and education writing
# (general, not scored on the gold set); added after questions on the plan typed "CĐS" and "TTHC" and were
# refused as off-topic (tests/test_answers.py), and checked only on that plan.
# ---------------------------------------------------------------------------------------------------------

# accent-free abbreviation -> full form
ABBREVIATIONS = {
    "cntt": "công nghệ thông tin",
    "cds": "chuyển đổi số",
    "csdl": "cơ sở dữ liệu",
    "attt": "an toàn thông tin",
    "tthc": "thủ tục hành chính",
    "dvc": "dịch vụ công",
    "dvctt": "dịch vụ công trực tuyến",
    "gddt": "giáo dục và đào tạo",
    "sgddt": "Sở Giáo dục và Đào tạo",
    "pgddt": "Phòng Giáo dục và Đào tạo",
    "ubnd": "Ủy ban nhân dân",
    "hdnd": "Hội đồng nhân dân",
    "csvc": "cơ sở vật chất",
    "tbdh": "thiết bị dạy học",
    "sgk": "sách giáo khoa",
    "ctgdpt": "chương trình giáo dục phổ thông",
    "hs": "học sinh",
    "hssv": "học sinh, sinh viên",
    "cbcc": "cán bộ, công chức",
    "ptdtnt": "phổ thông dân tộc nội trú",
}

# ---------------------------------------------------------------------------------------------------------
# Thresholds and weights. All tuned on the plan's gold set (eval/gold/dong-thap-2024.jsonl), none checked on
# another plan.
# The abstention threshold is a setting, not a constant here: `abstain_below = 0.5` in assistant/settings.py
# (KEHOACH_ABSTAIN_BELOW), calibrated in eval/reports/abstention-sweep.md on the same gold set.
# ---------------------------------------------------------------------------------------------------------

# Coverage of a question's content (assistant/qa/compose.py coverage): idf-weighted words vs shared bigrams.
COVERAGE_WORD_WEIGHT = 0.8
COVERAGE_BIGRAM_WEIGHT = 0.2
# Passage scores (assistant/qa/compose.py best_passages): the segment's own coverage and its unit's, a small
# penalty per retrieval rank, and bonuses for the asker's level, the expected answer type and the year.
PASSAGE_SEGMENT_WEIGHT = 0.6
PASSAGE_UNIT_WEIGHT = 0.4
PASSAGE_RANK_PENALTY = 0.02
PASSAGE_LEVEL_BONUS = 0.08
# assistant/qa/compose.py best_passages: a segment (with its heading) about other people than those the question asks
# of ("Mỗi trẻ em nhà trẻ được hỗ trợ …" for "một học sinh bán trú … bao nhiêu tiền ăn") is passed over by this much
PASSAGE_PEOPLE = re.compile(r"\b(hoc sinh|tre em|giao vien|sinh vien|hoc vien|can bo quan ly|phu huynh)\b")
PASSAGE_OTHER_PEOPLE_PENALTY = 0.08
PASSAGE_FOCUS_WEIGHT = 0.3  # a follow-up's own words found in the segment (compose.best_passages `focus`)
PASSAGE_CLOSE_TO_BEST = 0.75  # passages scoring below this share of the best one are left out
PERCENT_BONUS = 0.08  # a percentage asked for: a segment with "%" (without: minus PERCENT_MISSING)
PERCENT_MISSING = 0.05
# "liên hệ ai", "gọi cho ai", "số điện thoại": a contact is asked for (assistant/qa/compose.py `wanted_type`); a
# segment with a phone number, an e-mail address or a titled person's name ("Bà Đinh Thị …", "thầy Phan …")
# holds one. Issue 16: the contact lines at the end of a notice lost to the sentences that repeat the topic.
CONTACT_Q = re.compile(r"\b(lien he|goi (?:cho|dien)|hoi ai|so dien thoai|dien thoai|email|hotline|dau moi)\b")
# A contact question that names the channel it wants ("email gì", "số điện thoại bao nhiêu"): answered by a line
# holding one of that channel, not by the line naming the person, which often comes a line before it
# (assistant/qa/kinds.py "email", "phone").
EMAIL_Q = re.compile(r"\b(email|e-mail|e mail|thu dien tu|hop thu)\b")
PHONE_Q = re.compile(r"\b(so dien thoai|(?<!tren )(?<!bang )dien thoai(?! (?:di dong|thong minh),? (?:thiet bi|may tinh))|sdt|"
                     r"hotline|duong day nong)\b")  # not the device ("trên điện thoại, thiết bị di động")
# (or, after an "Email" label, an address whose "@" a scan's text layer lost: "Email (file excel): abctudu.com.vn")
EMAIL_IN_TEXT = re.compile(r"[\w.-]+@[\w-]+(?:\.[\w-]+)+|\b[Ee]-?mail\b[^:\n]{0,25}:\s*[\w.-]+(?:[(©®][\w-]+)?"
                           r"\.(?:com|net|org|edu|gov|vn)\b")  # a scan's "@" read as "(" or "©" after the label
PHONE_IN_TEXT = re.compile(r"\(?\b0\d{1,3}\)?[\s.-]?\d{2,4}[\s.-]?\d{3}(?:[\s.-]?\d{1,4})?\b|\b1[89]00[\s.]?\d{4}\b")
# A bank account asked for ("chuyển khoản vào tài khoản nào", "số tài khoản", "STK") and a line giving one ("Số TK:
# 1903.6854.902.011", "Tài khoản số 0071 000 123 456"), read on the text as written: a third channel, quoted after
# the payee's line like an e-mail or phone (assistant/qa/widen.py `with_channel`).
# Not a login ("làm khảo sát bằng tài khoản/đường dẫn do ai thông báo", "tài khoản đăng nhập"): no number is asked
ACCOUNT_Q = re.compile(r"\btai khoan\b(?!\s*/|\s+(?:dang nhap|truy cap|nguoi dung|hoc tap|he thong|e-?mail|mail|"
                       r"dinh danh|vneid|zoom|phan mem)\b)|\bstk\b|\bso tk\b")
ACCOUNT_IN_TEXT = re.compile(r"\b(?:[Ss]ố\s*(?:TK|[Tt]ài khoản)|STK|[Tt]ài khoản(?:\s+số)?)\s*:?\s*\d[\d .-]{4,}\d")
CHANNEL_LINES_AFTER = 2  # lines after a contact's searched for the e-mail or phone asked
CONTACT_IN_TEXT = re.compile(r"\(?\b0\d{2,3}\)?[\s.-]?\d{2,4}[\s.-]?\d{3}(?:[\s.-]?\d{1,4})?\b|\w@\w|"
                             r"\b(?:[ÔôBb]à|Ông|ông|[Tt]hầy|[Cc]ô|[Đđ]ồng chí|[Đđ]/c)\s+[A-ZĐ][^\s,;:]*\s+[A-ZĐ]")
# A question asking where the money comes from ("dùng nguồn kinh phí nào", "lấy từ nguồn nào", "nguồn vốn gì"),
# and a text naming a source of funds (assistant/qa/compose.py `wanted_type` "source"). Written from the
# development gold sets' budget questions (11 of them ask for a source, most beside an amount) and the
# funding sections of plans ("Kinh phí thực hiện: ngân sách nhà nước, xã hội hóa, nguồn hợp pháp khác").
SOURCE_Q = re.compile(r"\bnguon (?:von |kinh phi |ngan sach |tai chinh )?(?:nao|gi|tu dau)\b|\btu nguon nao\b|"
                      r"\b(?:lay|chi|trich|su dung) tu (?:dau|nguon nao)\b")
SOURCE_IN_TEXT = re.compile(r"\bngan sach\b|\bnguon (?:von|kinh phi|thu|tai chinh)\b|\bxa hoi hoa\b|"
                            r"\bvon (?:doi ung|vay|oda|dau tu cong|su nghiep)\b|\btai tro\b|\bppp\b|"
                            r"\bhop tac cong tu\b|\bchi thuong xuyen\b|\bhop phap khac\b|\bvien tro\b|\btu chu\b")
# A passage stating a total or a part of one: its counts are not added up (assistant/qa/compose.py
# `stated_parts_sum`: "220 trường, trong đó 10 trường …" is no 230).
PARTS_NOT_SUMMED = re.compile(r"\btrong do\b|\btong\b|\bgom\b|\bbao gom\b|\bcon lai\b|\bngoai ra\b|\bthem\b|"
                              r"\btang\b|\bgiam\b|\bcon\b|\bdat\b|\bchiem\b|\bso voi\b")
# A quantity the asker gives and a total of it asked ("Trường tôi cử 10 giáo viên … thì tổng học phí phải chuyển là
# bao nhiêu?"): the plan's rate per unit ("500.000 đồng/học viên") times it (assistant/qa/rates.py). Written from
# the development corpus's fee and allowance lines and the questions teachers ask of them; the question's quantity
# and total words are the asker's arithmetic, not words the passage must contain.
TOTAL_OF_GIVEN_Q = re.compile(r"\btong\b(?! (?:hop|ket|quan|the|duyet|giam doc|cuc|bi thu))|\btat ca\b|"
                              r"\b(?:het|mat|can|phai (?:chuyen|nop|tra|dong|chi|thanh toan))(?: \w+){0,2} bao nhieu\b|"
                              r"\b(?:chuyen|nop|tra|dong|thanh toan) bao nhieu\b")
PEOPLE_NOUNS = {"giao vien", "hoc sinh", "hoc vien", "sinh vien", "nguoi", "can bo", "tre", "dai bieu", "thi sinh",
                "vien chuc", "cong chuc", "nhan vien", "doan vien", "em", "chau",
                # an office a school sends among its teachers ("4 giáo viên và thêm 1 phó hiệu trưởng"): people too
                "pho hieu truong", "hieu truong", "to truong", "to pho", "chuyen vien"}
GIVEN_QUANTITY_Q = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})*|\d+)\s+(giao vien|hoc sinh|hoc vien|sinh vien|"
                              r"nguoi|can bo|tre|dai bieu|thi sinh|vien chuc|cong chuc|nhan vien|doan vien|em|chau|"
                              r"pho hieu truong|hieu truong|to truong|to pho|chuyen vien|"
                              r"lop|phong|bo|may|chiec|suat|ngay|thang|buoi|tiet|gio|ky|hoc ky|khoa|cuon|goi)\b")
# A sum of money the asker has ("còn 3 triệu đồng", "có 10.000.000 đ") and the things asked how many of it pays for
# ("cử được tối đa bao nhiêu giáo viên") (assistant/qa/rates.py `given_budget`)
GIVEN_MONEY_Q = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(trieu dong|trieu|nghin dong|ngan dong|"
                           r"ty dong|dong|vnd)\b|(?<![\d.,/])(\d{1,3}(?:\.\d{3})+)\s*(d)\b")  # not "lớp 6D", "in 3D"
# What is left to pay after the asker's payment ("kế toán mới chuyển 5.000.000 đồng … còn phải chuyển thêm bao nhiêu")
REMAINDER_Q = re.compile(r"\bcon (?:phai )?(?:chuyen|nop|dong|tra|chi)(?: them)? bao nhieu\b|\bcon thieu bao nhieu\b|"
                         r"\b(?:chuyen|nop|dong|tra) them bao nhieu\b")
COUNT_FOR_BUDGET_Q = re.compile(r"\b(?:bao nhieu|may)\s+(giao vien|hoc sinh|hoc vien|sinh vien|nguoi|can bo|"
                                r"suat|lop|bo|goi)\b")
# A whole year's total asked ("cả năm học được hỗ trợ tổng cộng bao nhiêu", "một năm nhận bao nhiêu tiền")
YEAR_TOTAL_Q = re.compile(r"\b(?:ca|mot|moi|trong|1) nam(?: hoc)?\b.{0,60}\b(?:bao nhieu|tong)\b|"
                          r"\b(?:tong cong|tong)\b.{0,60}\b(?:ca|mot|moi|1) nam(?: hoc)?\b")
GIVEN_NOT_AFTER = {"lop", "so", "nam", "khoi", "thang", "ngay", "muc", "dieu", "khoan", "phu", "bang", "dong", "tiet"}
GIVEN_MAX = 100_000
# the verb right before a given quantity ("cử 10 giáo viên", "có 25 học sinh", "đăng ký 3 lớp") is the asker's too
GIVEN_VERBS = {"cu", "co", "gui", "ky", "cho", "mua", "thue", "chuc", "mo", "dua", "tuyen", "nhan"}
# Which annex or form a thing follows ("soạn theo mẫu ở phụ lục số mấy", "báo cáo theo mẫu nào"), and a text
# naming one ("theo Phụ lục 3", "Mẫu số 02", "biểu mẫu 1.1") (assistant/qa/compose.py `wanted_type` "annex"; the
# document's units naming one join the candidates, as contact lines do). Issue 16: a guide's "theo Phụ lục 3" was
# not among retrieval's candidates for "theo mẫu ở phụ lục số mấy".
# "áp dụng từ năm học nào", "đến năm nào", "vào năm bao nhiêu": a year asked (accent-free), and a text giving one
# as a year ("năm 2025", "năm học 2021-2022", "2021 - 2025"), not as part of a cited document's number or date.
YEAR_Q = re.compile(r"\bnam (?:hoc |tai chinh )?(?:nao|bao nhieu|may)\b")
# "là lần thứ mấy", "tổ chức lần thứ bao nhiêu": an edition asked, and a text numbering one ("lần thứ 18", "lần
# thứ XVIII"), often only in the programme's own name (assistant/qa/kinds.py "edition").
EDITION_Q = re.compile(r"\b(?:lan|ky|mua|nam) thu (?:may|bao nhieu)\b")
EDITION_IN_TEXT = re.compile(r"\b(?:lan|ky|mua|nam) thu (?:\d+|[ivxlc]+)\b")
YEAR_IN_TEXT = re.compile(r"\bnam (?:hoc |tai chinh )?(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b")
# "Kế hoạch bài dạy gồm những phần chính nào?", "hồ sơ bao gồm những giấy tờ gì": the parts of a thing asked
# (accent-free), and a text announcing them ("… gồm: Yêu cầu cần đạt, đồ dùng …", "hồ sơ gồm 03 bộ", "bao gồm các
# nội dung sau"). Written from the composition questions of the development gold sets.
COMPOSITION_Q = re.compile(r"\b(?:bao gom|gom|co) (?:nhung |cac |may )?(?:phan|noi dung|buoc|hoat dong|muc|thanh phan|"
                           r"bo phan|giai doan|chuyen de|giay to|ho so|tieu chi|linh vuc|hang muc|khau)(?: chinh)? "
                           r"(?:nao|gi)\b|\b(?:bao gom|gom) (?:bao nhieu|may) \w+")  # "gồm bao nhiêu chương trình …"
COMPOSITION_IN_TEXT = re.compile(r"\b(?:bao gom|gom)(?: co)?\s*:|\b(?:bao gom|gom)(?: co)? (?:cac|nhung) [^.;:]{0,40}sau\b|"
                                 r"\b(?:bao gom|gom)(?: co)? (?:\d+|hai|ba|bon|nam|sau|bay|tam|chin|muoi) \w+")
# the parts asked: a line announcing them ("X gồm: A, B, C") is the answer more surely than a kind of value is
# (a question's "phần chính" is "hành chính" to a word match): twice a strict kind's weight, never a penalty
PARTS_BONUS = 0.20
# ingest/structure.py: a paragraph ending with ":" right before a table ("… trong đó phân bổ như sau:") names what the
# table's rows are; it joins the table's title (its rows' context) when at most this long
TABLE_LEAD_MAX_CHARS = 250
# a bold line of this many words ending with a full stop is a sentence set in bold, not a heading (ingest/structure.py)
BOLD_SENTENCE_MIN_WORDS = 10
INLINE_ITEM_MAX_CHARS = 120  # an item of a list written on one line after ":" ("…: A; B; C."), kept with it
ANNEX_Q = re.compile(r"\bphu luc (?:so )?(?:may|nao|gi)\b|\b(?:bieu mau|mau) (?:so )?(?:may|nao|gi)\b")
ANNEX_IN_TEXT = re.compile(r"\bphu luc\s+(?:so\s+)?(?:\d+(?:\.\d+)*|[ivxl]+)\b|\bmau\s+(?:so\s+)?\d+|"
                           r"\bbieu mau\s+(?:so\s+)?\d")
# assistant/qa/same_figures.py: the document's other statements of a figure asked for ("Tổng kinh phí …" twice
# with two sums): lines whose label starts with the same words as the answer's (this many), at most this many.
SAME_FIGURE_HEAD_WORDS = 2
SAME_FIGURE_NEW_WORDS = 2  # syllables of such a label the question does not hold ("khái toán")
SAME_FIGURE_MAX = 2
SAME_FIGURE_KINDS = ("money", "number")  # the kinds of value asked (assistant/qa/compose.py wanted_type)
# "nộp ở địa chỉ nào", "địa chỉ liên hệ": a street address, an e-mail or a website is asked (accent-free), and a text
# that gives one (as written: a street or ward followed by its capitalised name or number, "Số 12 …", an e-mail, a
# web address). Written from the contact and submission lines of the development corpus's notices and procedures.
ADDRESS_Q = re.compile(r"\bdia chi\b|\bvao trang nao\b|\btruy cap (trang|dia chi|link|duong dan)\b|"
                        r"\b(trang web|website|duong dan|duong link|link|cong thong tin dien tu) (nao|gi|o dau)\b|"
                        # "trụ sở … nằm ở phường nào", "trụ sở ở đâu": the street address (not "huyện/xã nào", which
                        # asks for a place of a list or table)
                        r"\b(phuong|duong|pho) nao\b|\btru so\b.{0,60}\b(o dau|nao)\b")
ADDRESS_IN_TEXT = re.compile(
    r"\b\d{1,4}[A-Za-z]?(?:/\d{1,4})?,?\s+(?:đường|Đường|phố|Phố|Đại lộ|đại lộ)\s|"
    r"\b(?:[Đđ]ường|(?<![Tt]hành )[Pp]hố|[Pp]hường|[Qq]uận|[Xx]ã|[Tt]hị xã|[Tt]hị trấn|[Hh]uyện|[Ấấ]p|[Kk]hu phố|[Tt]ổ dân phố)\s+[A-ZĐ0-9À-Ỹ]|"
    r"\b[Đđ]ịa chỉ\s*:\s*\S|\b[Ss]ố\s+\d{1,4}[A-Za-z]?(?:/\d+)?\s*,?\s+[A-ZĐ]|[\w.-]+@[\w-]+\.\w+|https?://|\bwww\.|\.gov\.vn\b|\.edu\.vn\b")
ADDRESS_SEGMENTS_AHEAD = 2  # segments after "địa chỉ: …" searched for its street or ward (compose.best_passages)
CONTACT_UNITS = 12  # a document's units with a contact, added to the candidates of a contact question
NUMBER_BONUS = 0.05  # a number asked for: a segment with a digit (without: minus NUMBER_MISSING)
NUMBER_MISSING = 0.05
NAMED_ITEM_MAX_WORDS = 5  # an item's label the question names ("Giải Nhất: …"): its several things are its own (qa/widen.py)
COUNT_PER_WORDS = {"moi", "mot", "tren", "hang", "tong", "toi", "it", "nhieu", "khoang", "du", "can"}  # "bao nhiêu tiết mỗi tuần"
COUNTED_BONUS = 0.1  # a count asked: a segment writing a number before the thing counted (assistant/qa/kinds.py)
# What kind of value a question asks for, and whether a passage holds one (assistant/answering/fact_answers.py;
# issue 16: unanswerable questions were answered with a passage about the right thing without its figure).
# Money: "bao nhiêu tiền", "kinh phí/giá/lệ phí/học phí … bao nhiêu"; a day: "ngày nào", "hạn chót".
# a unit of money a table header gives in brackets ("Thành tiền (triệu đồng)", "Kinh phí (đồng)"), as written
MONEY_UNIT = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)?\s*đồng|triệu|tỷ"
MONEY_ASK_Q = re.compile(r"\bbao nhieu tien\b|\b(kinh phi|gia goi thau|gia du toan|gia tri|don gia|gia thue|"
                         r"muc gia|le phi|hoc phi|chi phi|muc ho tro|hoc bong|von|ngan sach|du toan|tien an|phu cap|tro cap|"
                         r"muc luong|tien luong|luong co so|thu lao|tien thuong|muc thuong|muc tien|so tien|muc chi|dinh muc chi)\b"
                         r".*\b(bao nhieu|la may)\b")
# "1.5tr", "500k": the informal short forms a school's own plan writes amounts in
MONEY_IN_TEXT = re.compile(r"\d[\d.,]*\s*(dong|d\b|trieu|tr\b|ty|nghin|ngan|k\b|vnd|usd)|\b(mien phi|khong thu)\b|"
                           r"(?<!hop )(?<!cong )\b(dong|vnd)\)?\s*:\s*\d")  # "(đồng): 5.000", not "hợp đồng: 12 tháng"
# Where money comes from asked ("được chi từ nguồn vốn nào", "kinh phí lấy từ đâu"), and a text naming a source: a
# row about the thing bought that names none does not say
FUNDS_SOURCE_Q = re.compile(r"\bnguon (?:von|kinh phi|tien|ngan sach)(?: \w+){0,2} nao\b|\b(?:tu|bang) nguon nao\b|"
                            r"\b(?:kinh phi|tien|von)\b(?: \w+){0,3} (?:lay|chi|trich) tu (?:dau|nguon nao)\b")
FUNDS_SOURCE_IN_TEXT = re.compile(r"\b(?:ngan sach|nguon von|von|nguon kinh phi|kinh phi|xa hoi hoa|tai tro|hoc phi|"
                                  r"quy|nguon thu|tu chu|ODA|NSNN)\b", re.IGNORECASE)
# A question asking for a percentage, and a text giving one (assistant/answering/fact_answers.py).
# Money paid to a person (an allowance, a salary, a scholarship …) asked for: the passages must speak of that kind
# of money, not only give some amount (a training line's budget is not a teacher's allowance).
MONEY_KIND_Q = re.compile(r"\b(phu cap|luong|thu lao|tro cap|tien thuong|hoc bong)\b")
# People counted ("bao nhiêu giáo viên"): a number must stand next to them in the passages ("1.200 giáo viên",
# "giáo viên: 1.200"), not only the word.
# a unit of measure or money after a number: the number is a quantity or an amount, not a count of people or things
MEASURE_AFTER_NUMBER = r"(?:kg|g|gam|dong|d|vnd|%|thang|nam|ngay|tuan|gio|phut|tan|lit|trieu|nghin|ngan|ty|km|m2|m)\b"
# A kind of document asked by "nào" ("theo biểu mẫu của thông tư nào", "căn cứ nghị định nào"): the passages that
# answer it name that kind (measured on every gold question asking it: all answered right name it in the answer)
DOC_KIND_ASKED_Q = re.compile(r"\b(thong tu|nghi dinh|quyet dinh|nghi quyet|cong van|chi thi|luat)\s+(?:so\s+)?nao\b")
PEOPLE_COUNT_Q = re.compile(r"\b(?:bao nhieu|may)\s+(giao vien|hoc sinh|nguoi|can bo|sinh vien|hoc vien|tre)\b")
# "bao nhiêu người" is answered by a number of any kind of people ("70 học viên/lớp", "150 giáo viên, CBQL")
ANY_PEOPLE_NOUNS = r"giao vien|hoc sinh|nguoi|can bo|cbql|sinh vien|hoc vien|tre|thanh vien|dai bieu|nhan vien|vien chuc|gv|hs"
# So are lessons, sessions and the like ("bao nhiêu tiết", "mấy buổi", "bao nhiêu câu hỏi"): a text that gives them
# writes the number beside them ("35 tiết", "Thời lượng: 02 buổi"). Not "mấy lần" (also "01 hội nghị mỗi năm") nor
# "mấy giờ" (a time of day: "8g00").
# Units of measure and allocated places likewise ("tối thiểu bao nhiêu Mbps", "bao nhiêu suất"): a text that gives
# one writes its number beside it.
UNIT_COUNT_Q = re.compile(r"\b(?:bao nhieu|may)\s+(tiet|buoi|phut|luot|cau hoi|trang|ngay|tuan|thang|suat|mbps|gbps|"
                          r"kbps|gb|mb|tb|ghz|kw|kwh|km|kg|tan|lit|m2|m3|ha|mw|"
                          # things supplied or set up, counted as such ("bao nhiêu màn hình LCD", "mấy gian hàng")
                          # not "chiếc": "bao nhiêu chiếc kính" is "07 kính"
                          r"man hinh|gian hang|may tinh|may chu|may in|may chieu|camera|tivi|"
                          # schools, classrooms, classes and establishments counted ("bao nhiêu trường mầm non sẽ
                          # được trang bị …"): a text that gives them writes "15 trường THCS", "465/595 cơ sở"
                          r"truong(?! hop)|phong hoc|co so giao duc|"
                          # copies, faculties, beds, procedures, contracts, districts, clubs counted ("gửi thành
                          # mấy bản", "bao nhiêu giường bệnh"): "02 bản", "05 khoa", "500 giường" (not "mấy trung
                          # tâm": a passage listing them by name answers it, measured on the development sets)
                          r"ban|khoa|giuong|thu tuc|hop dong|huyen|cau lac bo|megapixel|"
                          # a contest's teams, groups, prizes and entries ("mấy đội", "bao nhiêu giải"): "tối đa 05 đội"
                          # (not "mấy nhóm đối tượng": kinds, counted from the list announcing them)
                          r"doi(?! tuong)|giai(?! doan| phap| thich| quyet| ngan| trinh| tri)|de tai|y tuong)\b")
# A form asked by its number ("đơn làm theo mẫu số mấy"): a text that gives one writes "Mẫu số 01", "mẫu 02/TT"
# A document's number asked ("ban hành kèm quyết định số mấy", "theo công văn số nào") and a text writing one
# ("1693/QĐ-BGDĐT", "số 57/2017"): a passage about the thing, without a number, does not say which
DOC_NUMBER_ASK_Q = re.compile(r"\b(?:quyet dinh|nghi dinh|thong tu|cong van|van ban|ke hoach|nghi quyet|thong bao) "
                              r"so (?:may|bao nhieu|nao|gi)\b")
DOC_NUMBER_IN_TEXT = re.compile(r"(?<![\d/])\d{1,5}[a-z]?/(?:\d{4}/)?[a-z]")
FORM_NUMBER_Q = re.compile(r"\bmau so (may|bao nhieu|nao)\b|\btheo mau (nao|may)\b")  # not "lấy mẫu nào" (a sample)
FORM_NUMBER_IN_TEXT = re.compile(r"\bmau\s*(so\s*)?[\w.-]*\d|\b[a-z]+_\d+")  # "Mẫu số 02", a report's "BHYT_20"
# How many days a period lasts ("có tổng cộng bao nhiêu ngày", "kéo dài mấy ngày", "trong bao lâu"), on the accent-free
# question: a passage's "từ ngày … đến ngày …" is counted (assistant/qa/spans.py)
DAYS_COUNT_Q = re.compile(r"\b(?:bao nhieu|may)\s+ngay\b|\b(?:keo dai|trong|mat|het) bao lau\b")
# How far apart two dates are ("ban hành trước … bao nhiêu ngày", "cách nhau mấy ngày", "trước khoảng bao lâu"), on the
# accent-free question (assistant/qa/spans.py `date_gap`), and how far after a document's number its date is written
DATE_GAP_Q = re.compile(r"\b(cach nhau|truoc|sau|chenh lech|khoang cach)\b.{0,80}\b(?:(?:bao nhieu|may) (?:ngay|tuan|thang|nam)|"
                        r"bao lau)\b|\b(?:bao nhieu|may) ngay\b.{0,40}\b(truoc|sau|cach)\b|"
                        # "Nghị quyết 30c ra đời được bao nhiêu ngày thì UBND tỉnh ban hành công văn 4532"
                        r"\b(?:bao nhieu|may) ngay thi\b")
DATE_AFTER_NUMBER_CHARS = 60
# ... the passages' own two dates are counted only when the question asks how far apart ("cách nhau") or names two
# documents ("nghị định 20/2008 và nghị định 63/2010 … trước bao lâu"), not for "nộp hồ sơ sau bao nhiêu ngày"
DATE_APART_Q = re.compile(r"\b(cach nhau|chenh lech|khoang cach)\b")
# The day a document was signed or issued, counted from or to ("tính từ ngày Bộ GDĐT ký Công văn 2345 …", "từ khi ban
# hành kế hoạch …", "ngày ký"), not "đăng ký", "kỹ thuật", "học kỳ" (assistant/qa/spans.py `refers_to_issue`)
# the document itself as one end ("công văn … ban hành trước ngày khai giảng …", "ra đời trước công văn này")
OWN_DOC_Q = re.compile(r"\b(?:truoc|sau|den|tu) (?:chinh )?(?:cong van|ke hoach|van ban|quyet dinh|thong bao|de an|huong dan)"
                       r" (?:nay|do)\b")
ISSUE_DAY_Q = re.compile(r"\b(?:ngay|tu khi|sau khi|ke tu khi)\s+(?:[\w.&/-]+\s+){0,8}?(?<!dang )(?:ky|ban hanh)\b(?! thuat| nang| hoc)|"
                         r"\bban hanh (?:truoc|sau) (?:ngay|khi)\b|" + OWN_DOC_Q.pattern)
# Which end of a period the question counts to: its start ("đến ngày bắt đầu khảo sát", "ngày khai giảng") or its
# end ("đến hạn nộp", "ngày kết thúc", "hoàn thành")
START_DAY_Q = re.compile(r"\b(?:bat dau|khai giang|khoi dong|khoi cong|mo dau|dien ra)\b")
START_LABEL = re.compile(r"\b(?:ngay |thoi gian )?(?:bat dau|khai giang)\s*:")  # a row's start date, labelled
END_LABEL = re.compile(r"\b(?:ngay |thoi gian )?(?:ket thuc|be giang|het han)\s*:")
# a deadline a passage sets ("… trước ngày 15/7/2026", "chậm nhất ngày …"): the end a question "đến hạn …" counts to
DEADLINE_IN_TEXT = re.compile(r"\b(?:truoc ngay|cham nhat(?: la)?(?: ngay)?|han chot(?: la)?(?: ngay)?|han cuoi(?: ngay)?)\b")
END_DAY_Q = re.compile(r"\b(?:ket thuc|het han|han chot|han cuoi|den han|hoan thanh|be mac|dong cua)\b")
# How many hours a session lasts ("kéo dài bao nhiêu tiếng", "mấy giờ đồng hồ"): a passage's "từ 8g00-16g30" is counted
HOURS_COUNT_Q = re.compile(r"\b(?:bao nhieu|may)\s+(?:tieng|gio dong ho|gio hoc)\b|\bbao nhieu gio\b(?! sang| chieu)")
MONTHS_COUNT_Q = re.compile(r"\b(?:bao nhieu|may)\s+(?:thang|nam)\b(?! (?:tuoi|hoc)\b)")
SPAN_ASK_WORDS = {"keo", "dai", "tong", "cong", "tat", "ca"}  # "kéo dài", "tổng cộng", "tất cả" beside them
# Terms of an offer or a policy a question asks about, which a passage answering it names ("thời gian bảo hành bao lâu",
# "được cấp chứng nhận do đơn vị nào", "học bổng bao nhiêu", "đã gồm thuế VAT chưa", "bị xử lý kỷ luật ra sao"):
# a passage without them states the contract's length, the course's fee, the allowance for food, not the term asked
# (accent-free; the question's pattern, then what a passage stating the term holds)
ASKED_TERMS: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (re.compile(r"\bbao hanh\b"), re.compile(r"\bbao hanh\b")),
    (re.compile(r"\b(?:chung nhan|chung chi)\b"), re.compile(r"\b(?:chung nhan|chung chi|iso|van bang)\b")),
    (re.compile(r"\bhoc bong\b"), re.compile(r"\bhoc bong\b")),
    (re.compile(r"\bvat\b|\bthue (?:vat|gtgt|gia tri gia tang)\b"), re.compile(r"\bvat\b|\bthue\b")),
    (re.compile(r"\bky luat\b"), re.compile(r"\bky luat\b")),
]
# A tax code asked ("mã số thuế là gì", "MST") and a text giving one: ten digits (thirteen for a branch) after its label
TAX_CODE_Q = re.compile(r"\bma so thue\b|\bmst\b")
TAX_CODE_IN_TEXT = re.compile(r"\b(?:ma so thue|mst|ma so doanh nghiep)\W{0,4}\d{10}")
# Schools, districts or office-holders asked for by name ("đặt tại những trường nào", "những huyện nào được chọn",
# "Phó giám đốc nào phụ trách"), on the accent-free question, and what a passage naming one holds: a passage that
# gives how many rooms or what the pilot does, without naming a school, district or holder, does not answer
# (the development sets' unanswerable "which schools / districts / deputy director" questions; no answerable
# one was answered by a passage without the noun or its abbreviations).
NAMED_ASKS: list[tuple[re.Pattern[str], re.Pattern[str] | None]] = [
    # "thị trường", "môi trường", "tăng trưởng", "cơ quan", "địa phương" are no schools or districts ("hiệu trưởng"
    # is a holder)
    (re.compile(r"\b(huyen|(?<!co )quan|xa|(?<!dia )phuong|thi xa) nao\b"),
     re.compile(r"\b(huyen|quan|xa|phuong|thi xa|thanh pho|tp|thi tran|h|tx)\b")),
    (re.compile(r"\b(?:pho )?(giam doc|truong phong|hieu truong|chu tich|truong ban|thu truong|bo truong) nao\b"), None),
]
# "đặt tại những trường nào", "chọn 10 trường nào": schools asked by name, and an answer naming one ("Trường THCS
# Nguyễn Siêu", "trường tiểu học Lê Lợi", "THPT Thanh Bình 1"), read on the answer as written: "tại 10 trường" names
# none ("thị trường", "môi trường", "tăng trưởng", "hiệu trưởng" are no schools)
SCHOOL_ASK_Q = re.compile(r"(?<!thi )(?<!moi )(?<!tang )(?<!hien )(?<!quang )(?<!hieu )\btruong( hoc)? nao\b")
SCHOOL_KINDS = {"tiểu", "học", "trung", "cơ", "sở", "phổ", "thông", "mầm", "non", "mẫu", "giáo", "đại", "cao", "đẳng",
                "thcs", "thpt", "th", "mn", "mg", "ptdtnt", "ptdtbt", "gdtx", "chuyên", "dân", "tộc", "nội", "bán", "trú",
                "đh", "cđ"}
SCHOOL_WORD = re.compile(r"\b(?:[Tt]rường|TRƯỜNG|THCS|THPT|TH|MN|MG|PTDTNT|PTDTBT)\b")
SCHOOL_NAME_WORDS = 8  # words after "Trường" a name starts within ("Trường phổ thông dân tộc nội trú Bà Rịa")
# "doanh nghiệp nào tài trợ", "nhà đầu tư … là công ty nào": a company is named by its kind of company or legal form
# and a name in capitals ("Công ty Cổ phần Gara STEM", "Tập đoàn …", "… TNHH"), read on the answer as written; a
# passage that only repeats "nhà đầu tư", "vận động tài trợ" or "doanh nghiệp, công ty" names none (the development
# sets' unanswerable sponsor and investor questions)
COMPANY_ASK_Q = re.compile(r"\b(doanh nghiep|cong ty|tap doan|nha tai tro|don vi tai tro|nha dau tu|nha cung cap|"
                           r"hang san xuat) nao\b|\b(?:cua|do|thuoc) hang nao\b")  # "phần mềm … của hãng nào"
COMPANY_IN_TEXT = re.compile(r"\b(?:Công ty|CÔNG TY|Cty|Tập đoàn|TẬP ĐOÀN|Ngân hàng|NGÂN HÀNG)"
                             r"(?:\s+(?:cổ phần|Cổ phần|CỔ PHẦN|TNHH|trách nhiệm hữu hạn|CP))?\s+[A-ZĐ0-9]|"
                             r"\b(?:TNHH|JSC|Corporation)\b|\bCo\.,?\s*Ltd")
# "ưu tiên những doanh nghiệp nào": a kind of company asked (several), which a passage answers by describing them
# ("các doanh nghiệp có cam kết đầu tư cơ sở vật chất …"), not by a name (accent-free)
COMPANY_KINDS = r"(?:doanh nghiep|cong ty|nha dau tu|nha cung cap|don vi tai tro)"
COMPANY_KIND_ASK_Q = re.compile(rf"\b(?:nhung|cac) {COMPANY_KINDS} nao\b")
COMPANY_KIND_IN_TEXT = re.compile(rf"\b(?:cac|nhung) {COMPANY_KINDS} (?:co|duoc|dap ung|thuoc|dang|da)\b")
PERCENT_ASK_Q = re.compile(r"\b(bao nhieu|may)\s*(phan tram|%)|\b(ty le|ti le|ty trong|ti trong)\b.*\b(bao nhieu|la may)\b")
PERCENT_IN_TEXT = re.compile(r"\d\s*%|\bphan tram\b")
# A row's cells a question names by their column (assistant/qa/compose.py `asked_cell`): values this short are
# what is asked; a quantity ("Số lượng", "Khối lượng") takes its unit from the row's unit-of-measure cell.
ASKED_CELL_SHORT = 40
MEASURE_COLUMN_F = re.compile(r"(don vi tinh|dvt|dv tinh|don vi)")
# A unit of measure that counts people ("Người", "Lượt", "Người/lượt", "Học sinh", "HS"), folded
PEOPLE_MEASURE_F = re.compile(r"(?:nguoi|luot|luot nguoi|hoc sinh|hs|hoc vien|giao vien|gv)(?:\s*/\s*(?:nguoi|luot))?")
QUANTITY_COLUMN_F = re.compile(r"\b(so luong|khoi luong|quy mo)\b")
# A total number of things asked ("tổng cộng bao nhiêu phòng học STEM", "cả hai giai đoạn có tất cả mấy lớp", "tổng
# số máy tính là bao nhiêu"): the thing's words (assistant/answering/quantity_sums.py sums a table's quantity column
# over the rows counting it). Money is not counted (TableAnswers sums amounts).
QUANTITY_TOTAL_Q = re.compile(r"\btong so ([a-z0-9]+(?: [a-z0-9]+){0,3}?) (?:la )?(?:bao nhieu|may)\b|"
                              r"\b(?:tong cong|tong so|tat ca|cong lai|ca hai giai doan|tong)\b[^?]*?"
                              r"\b(?:bao nhieu|may)\s+([a-z0-9]+(?: [a-z0-9]+){0,3})")
# assistant/qa/item_list.py: a list of counted items, one per line ("02 giải Nhì: mỗi giải 700.000 đồng;"). The units
# of money a line's amount is written in (accent-free); a total asked of the whole list ("có tất cả bao nhiêu giải",
# "tổng số giải"); its money asked ("tổng số tiền thưởng", "tất cả … bao nhiêu tiền"); heading words that name no
# list of their own ("cơ cấu", "danh sách")
ITEM_MONEY_UNITS = r"trieu dong|nghin dong|ngan dong|dong|vnd|d"
ITEM_TOTAL_Q = re.compile(r"\b(?:tat ca|tong cong|tong so|ca thay|tong)\b")
ITEM_MONEY_TOTAL_Q = re.compile(r"\btong (?:so |cong )?(?:tien|kinh phi|gia tri)\b|"
                                r"\b(?:tat ca|tong cong|ca thay)\b[^?]*\bbao nhieu tien\b|"
                                r"\bbao nhieu tien\b[^?]*\b(?:tat ca|tong cong|ca thay)\b")
ITEM_HEADING_SKIP = frozenset(["co", "cau", "danh", "sach", "muc", "noi", "dung", "cac", "nhung"])
QUANTITY_DOCS = 2  # documents of the best hits whose tables are searched when no document is named by filter
QUANTITY_NOT_COUNTED = {"tien", "kinh", "dong", "ty", "trieu", "nghin", "ngan", "phan", "von", "ngan sach", "%"}
# A row asked by its place in a table ("khoa đứng thứ 3", "dòng thứ 2", "thứ 3 và thứ 4 là những khoa nào"): digits
# only ("thứ ba" is also Tuesday), not a weekday before a date ("thứ 7, ngày 13/12", "thứ 7 (13/12)")
# (assistant/answering/ordinal_rows.py); the question must ask which row is there, not when
# ... or by its number in a list ("báo cáo số 79 và số 80", "hạng mục số 13"), not a document's ("số 79/2020")
ORDINAL_Q = re.compile(r"\bthu (\d{1,3})\b|\b(?:dong|muc|hang|stt|bao cao|chuc nang|va)\s+so\s+(\d{1,3})\b(?![/.,]\d)")
WEEKDAY_AFTER = re.compile(r"\s*[,(]?\s*(?:ngay\b|\d{1,2}\s*/)")
ORDINAL_ASK_Q = re.compile(r"\b(?:dung|xep|o vi tri|nam o|dong|muc|hang) thu \d|\bthu \d{1,3}\b.{0,40}\b(?:la (?:gi|ai|nhung|cai|khoa|"
                           r"truong|don vi|\w+ nao)|nao)\b|"
                           r"\b(?:muc|hang|bao cao|chuc nang) so \d{1,3}\b(?![/.,]\d).{0,60}\b(?:la (?:gi|ai|nhung|(?:\w+ ){1,2}(?:gi|nao))|nao)\b")
ORDINAL_MAX = 500
# a row asked by its numbered code ("mục 9.5 là chức năng gì", "dòng 11.1.29"), and a question asking what it is
DOTTED_PLACE_Q = re.compile(r"\b(?:muc|dong|stt|chuc nang|hang muc|noi dung)\s+(?:so\s+)?(\d{1,3}(?:\.\d{1,3}){1,3})(?![.,]?\d)")
PLACE_ASK_Q = re.compile(r"\b(?:la (?:gi|ai|nhung gi|(?:\w+ ){1,2}(?:gi|nao))|nao)\b")
# Where an event takes place ("Hội nghị tổng kết … tổ chức tại địa điểm nào", "diễn ra ở đâu"), on the accent-free
# question, and a passage that places anything (a venue after "tại"/"ở", a hall, a room, "Địa điểm: …"): a line
# dating the event without a place does not answer (assistant/answering/fact_answers.py `lacks_asked_value`)
# (the verb "học", not the noun of "tiểu học được ban hành ở đâu", which asks where a document was issued)
VENUE_ASK_Q = re.compile(r"\b(?:to chuc|dien ra|hop|(?<!tieu )(?<!trung )(?<!dai )(?<!khoa )(?<!nam )(?<!so )hoc|thi)\b"
                         r"(?:\s+\w+){0,3}\s+(?:tai|o)\s+(?:dau|dia diem nao|noi nao)\b|"
                         r"\bdia diem (?:nao|o dau|to chuc)\b|\bo dia diem nao\b")
VENUE_IN_TEXT = re.compile(r"\b(?:tai|o|dia diem|hoi truong|phong|truc tuyen|online)\b")
# A person asked by name ("giảng viên phụ trách lớp … là ai", "giám đốc Trung tâm … tên là gì"), and a passage that
# names one: a title before a name ("ThS. Vũ Đình Lê", "Ông Nguyễn Thanh Tú", "Người ký: …") or three
# capitalised syllables in a row; a line about the body the person heads names nobody
PERSON_ASK_Q = re.compile(r"\b(?:giang vien|bao cao vien|dien gia|chuyen gia|giam doc|pho giam doc|hieu truong|"
                          r"pho hieu truong|truong ban|pho truong ban|truong phong|chu tich|nguoi phu trach|"
                          r"can bo phu trach|nguoi huong dan|can bo dau moi|nguoi lien he|nguoi dai dien)\b"
                          r"(?:\s+\S+){0,25}?\s+(?:la ai|ten (?:la )?gi|ho ten (?:la )?gi)\b|"
                          # "mời những báo cáo viên cụ thể nào (họ tên)?": names asked
                          r"\(\s*ho (?:va )?ten\s*\)|\bho (?:va )?ten (?:la gi|gi|cua ho|nhung ai)\b")
# Who signed ("Quyết định 214 … do ai ký"), and an answer naming the signer: the header's "Người ký:" or a name after
# a title (three capitals in a row are as often a city, "Hồ Chí Minh", in the line citing the decision)
SIGNER_ASK_Q = re.compile(r"\b(?:do )?ai (?:da )?ky\b")
SIGNER_IN_TEXT = re.compile(r"\bNgười ký\s*:|\b(?:Ông|ông|Bà|bà|[Đđ]ồng chí|ThS|TS|PGS|GS)\.?\s+[A-ZĐÀ-Ỹ][\w]+\s+[A-ZĐÀ-Ỹ]")
PERSON_IN_TEXT = re.compile(r"\b(?:Ông|ông|Bà|bà|ThS|TS|PGS|GS|NCS|BS|CN|KS|Thầy|thầy|Cô|cô|[Đđ]/c|[Đđ]ồng chí)\.?\s+"
                            r"[A-ZĐÀ-Ỹ][\w]+\s+[A-ZĐÀ-Ỹ]|\b(?:Người ký|Họ và tên|Họ tên)\s*:|"
                            r"\b[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){2,}")
# A time of day asked ("vào học lúc mấy giờ", "bắt đầu từ mấy giờ") and a text giving one ("7g30", "14 giờ", "8:00",
# "8h"): a passage without one does not say when (not "kéo dài mấy giờ", a length: HOURS_COUNT_Q)
TIME_ASK_Q = re.compile(r"\b(?:luc|vao|tu|den|bat dau|ket thuc) may gio\b")
TIME_IN_TEXT = re.compile(r"\b\d{1,2}\s*(?:g|h|gio)\s*\d{0,2}\b|\b\d{1,2}:\d{2}\b")
DAY_ASK_Q = re.compile(r"\bngay nao\b|\bngay bao nhieu\b|\bhan chot\b|\bthoi han cuoi\b")
# A month asked ("tổ chức vào tháng mấy hằng năm"), and a text that names one: "tháng 12", "12/2025", a date, a
# quarter, a term of the school year, a season's month in words (assistant/answering/fact_answers.py)
MONTH_ASK_Q = re.compile(r"\bthang (?:may|nao)\b")
MONTH_IN_TEXT = re.compile(r"\bthang\s*\d{1,2}\b|(?<![\d/])\d{1,2}\s*/\s*(?:\d{1,2}\s*/\s*)?\d{2,4}\b|\bquy\s+(?:[ivx]+|\d)\b|"
                           r"\bhoc ky\b|\bthang (?:gieng|chap|mot|hai|ba|tu|nam|sau|bay|tam|chin|muoi)\b")
# A period asked ("từ ngày nào đến ngày nào", "từ bao giờ đến khi nào"): the document's lines stating a period
# ("từ ngày 29/6/2026 đến hết ngày 09/7/2026") join the candidates wherever retrieval ranked them (issue 16).
PERIOD_ASK_Q = re.compile(r"\btu (?:ngay|thang|luc|khi|bao gio)(?: nao)?\b.{0,40}?\bden (?:het )?(?:ngay nao|thang nao|"
                          r"khi nao|luc nao|bao gio|ngay bao nhieu)\b")
# The date of a document cited by its number ("Thông tư số 54/2017/TT-BYT ngày 29/12/2017") is that document's,
# not the date of anything the question asks about ("thời điểm đóng thầu là ngày nào"): it does not count as a day
# found, unless the question names that kind of document ("theo quyết định số mấy, ngày nào") or its number
# ("Công văn 4532 … ban hành ngày nào" of "Văn bản số 4532/UBND-KSTTHC, ngày 07/12/2011"). Issue 16: the
# development corpus's unanswerable date questions were answered with such references.
DOC_REFERENCE_DATE = re.compile(
    r"\b(thong tu|quyet dinh|nghi dinh|chi thi|cong van|van ban|ke hoach|nghi quyet|thong bao|huong dan|to trinh|"
    r"ket luan|luat|phap lenh|chuong trinh)(?:\s+lien tich)?\s+(?:so\s*)?([\w.-]*\d[\w.-]*)(?:/(?:[\w.&-]|-\s)+)+\s*,?\s*"
    r"(?:cua\s+[^,;:]{0,80}?\s*)?ngay\s+\d{1,2}\s*(?:/|thang)\s*\d{1,2}(?:\s*(?:/|nam)\s*\d{2,4})?")
# The kinds of document a question asks several of ("căn cứ những thông tư, quyết định nào"), and a document of
# that kind cited by its number in the text: every sentence of the passage citing one is quoted
# (assistant/qa/widen.py `cited_documents`).
DOC_KINDS_ASKED_Q = re.compile(r"\b(thong tu|quyet dinh|nghi dinh|chi thi|cong van|van ban|nghi quyet|luat)\b")
# assistant/qa/bases.py: a document's legal bases ("Căn cứ …" / "Thực hiện …" lines). The kinds of document cited
# (accent-free), the questions asking for them, how many following lines a cut basis line may be joined with, the
# issuers' abbreviations beside ABBREVIATIONS, and the nouns that make "của X" an issuing body.
BASIS_KINDS = ("thong tu lien tich", "thong tu", "quyet dinh", "nghi dinh", "nghi quyet", "chi thi", "cong van",
               "van ban", "ke hoach", "ket luan", "thong bao", "huong dan", "phap lenh", "chuong trinh")
_BASIS_KINDS_Q = r"(van ban|luat|nghi dinh|quyet dinh|thong tu|cong van|nghi quyet|chi thi|ket luan)"
BASES_Q = re.compile(rf"\bcan cu (vao )?(nhung |cac |bao nhieu |may |hai |ba |(tong cong |tat ca )(bao nhieu |may |cac )?)?"
                     rf"{_BASIS_KINDS_Q}\b|\b(van ban|co so|can cu) phap ly\b|\b{_BASIS_KINDS_Q}\b.{{0,40}}\blam can cu\b|"
                     rf"\b(quyet dinh|nghi dinh|thong tu|cong van|nghi quyet|chi thi|van ban|ke hoach)\s+(so\s*)?\d[\w/.-]*"
                     rf".{{0,80}}\bma\b.{{0,120}}\bcan cu\b")  # "Quyết định 3871 mà kế hoạch căn cứ …", not "Kế hoạch 45,
# học sinh được chọn căn cứ vào …"
# a question asking for the bases as a list or a count ("căn cứ vào mấy văn bản", "những luật nào"): a document
# number in it is not one basis singled out
BASES_LIST_Q = re.compile(r"\b(bao nhieu|may|nhung|cac|liet ke|ke ten)\b|"
                          r"\b(hai|ba|bon) (van ban|cong van|quyet dinh|nghi dinh|thong tu|nghi quyet|chi thi|luat)\b")
# ... and a question asking for them all: a list or a count, "căn cứ pháp lý", "căn cứ văn bản nào" (else a question
# naming its own document by number and saying "căn cứ" for another reason is none)
# "pháp lý" alone is no such question: "Trong phần cơ sở pháp lý của đề án, Chỉ thị 16 … từ năm học nào?" asks what
# one basis says, "về cơ sở pháp lý, đề án đề nghị … những nội dung nào" what the plan proposes
BASES_WHOLE_Q = re.compile(rf"\b(bao nhieu|may|nhung|cac|liet ke|ke ten|tong cong|tat ca) {_BASIS_KINDS_Q}\b|"
                           rf"\b(bao nhieu|may|nhung|cac|liet ke|ke ten|tong cong|tat ca) (muc |dong |diem )?"
                           rf"(can cu|co so phap ly)\b|"
                           rf"\bphap ly\b( cua [^?]{{0,80}}?)? (la|gom|co) (gi|nhung gi|nhung (van ban|muc) nao)\b|"
                           rf"\b(can cu|co so) phap ly( cua (ke hoach|de an|van ban|cong van|quyet dinh|thong bao|"
                           rf"thu tuc)( \w+){{0,8}})?\s*\?*\s*$|\b{_BASIS_KINDS_Q} (nao|gi)\b")
# The earliest or the latest of the documents a document cites ("Trong các văn bản pháp lý được nêu …, văn bản nào ban
# hành sớm nhất?", "văn bản nào được ban hành gần nhất với thời điểm ra công văn"): its bases ordered by their dates
# (assistant/answering/legal_bases.py); "sớm nhất" and the like ask the first, "gần nhất", "mới nhất" the last
EXTREME_BASIS_Q = re.compile(rf"\b{_BASIS_KINDS_Q} nao\b.{{0,60}}?\b(?:ban hanh|ra doi|co hieu luc|ky)\b.{{0,20}}?"
                             r"\b(som nhat|cu nhat|dau tien|truoc nhat|gan nhat|moi nhat|muon nhat|gan day nhat|sau cung)\b")
EXTREME_FIRST = {"som nhat", "cu nhat", "dau tien", "truoc nhat"}
BASIS_JOIN_LINES = 2
BASIS_JOIN_MAX_CHARS = 300
# ... and how many units after a "Cơ sở pháp lý" heading are read for its numbered bases
BASES_ITEMS_MAX = 40
BASIS_ITEM_MAX_CHARS = 300
# assistant/answering/outline.py: a question asking the parts the document itself is divided into ("chia nội dung
# thành mấy mục chính", "kế hoạch gồm mấy phần lớn", "những phần chính nào"), not the points of one heading; the
# paths' first elements that are no part (an annex's); a first line longer than this is a paragraph, not a title
OUTLINE_Q = re.compile(r"\b(bao nhieu|may|nhung|cac) (phan|muc|chuong) (chinh|lon)\b|"
                       r"\b(chia|bo cuc)\b[^?]{0,40}\b(thanh|lam|gom) (bao nhieu|may) (phan|muc|chuong)\b")
# ... asked of the document itself: the words before it name it ("Kế hoạch liên tịch … lần thứ 18 gồm mấy phần lớn",
# "Công văn này chia nội dung thành …"), not a thing inside it ("Kế hoạch bài dạy gồm những phần chính nào")
OUTLINE_FRAME_WORDS = {"cong", "van", "ke", "hoach", "de", "an", "quyet", "dinh", "thong", "bao", "huong", "dan", "nay",
                       "do", "gom", "chia", "thanh", "lam", "duoc", "co", "cua", "theo", "trong", "va", "la", "noi",
                       "dung", "bo", "cuc", "toan", "ban", "so", "nghi", "tu", "tong", "the", "ve", "viec"}
OUTLINE_SKIPPED_PARTS = ("phụ lục", "phu luc", "bảng", "mở đầu")
OUTLINE_TITLE_MAX_CHARS = 160
# assistant/answering/heading_items.py: a heading with fewer sections under it is no list of several
HEADING_ITEMS_MIN = 2
# assistant/qa/widen.py cut_sentence_after: a passage that ends where its unit ends (these last characters alike)
CUT_TAIL_CHARS = 30
# assistant/answering/named_rows.py listed_items: an item a question lists in brackets names a row by these many words
LISTED_ITEM_MIN_WORDS = 2
# assistant/qa/compare.py, assistant/answering/amount_pair.py: two amounts a question sets side by side. The labels
# whose figure is the amount when the question names them ("đơn giá bộ kit … cao hơn …": "Đơn giá: 1.427.000 x …");
# a side's passage must hold this share of the side's own words (by idf; its rarest always), and cover this share
# of the question's other words
AMOUNT_LABELS = ("don gia", "thanh tien", "kinh phi dau tu", "kinh phi", "muc ho tro", "gia")
PAIR_SIDE_SHARE = 0.5
PAIR_MIN_COVERAGE = 0.3
PAIR_WHOLE_PASSAGE_CHARS = 400  # a passage this short is also read whole (its name on one line, its amount on the next)
# assistant/answering/heading_items.py: what a heading named by its number holds ("mục 1 phần I đề cập những nội
# dung gì", "Mục 3 … được chia thành mấy tiểu mục, tên từng tiểu mục là gì?", "mục III … cần ghi những nội dung gì")
SECTION_CONTENTS_Q = re.compile(r"\b(?:de cap|gom|ghi|huong dan|trinh bay|neu|quy dinh|noi ve|chia thanh)\b"
                                r"(?:\s+\w+){0,4}?\s+(?:gi|nao)\b|"
                                r"\b(?:may|bao nhieu) (?:tieu muc|muc|phan|diem|noi dung)\b")
NAMED_HEADING_START = 20  # characters: "Mục <title> …", "Trong phần <title> …" opens the question
# "phần yêu cầu thì ghi gì", "mục kinh phí nêu những gì": what the heading so titled says
HEADING_SAYS_Q = re.compile(r"\b(?:phan|muc) ((?:\w+ ){0,5}?\w+) (?:thi |cua van ban |cua ke hoach )?"
                            r"(?:ghi|neu|noi|de cap|trinh bay|viet) (?:nhung )?(?:gi|nhu the nao|the nao|ra sao)\b")
# What a heading named by its whole title says ("mục tiêu công việc của gói thầu là gì?" over "2. Mục tiêu công việc"
# and its paragraphs): the words before "(của …) là gì", the longest run of their last words that titles a heading
TITLE_IS_Q = re.compile(r"([a-z0-9 ]+?) (?:cua [^?,]{1,80}? )?(?:la gi|gom nhung gi|bao gom nhung gi)\s*\??\s*$")
TITLE_IS_MAX_WORDS = 6
# "Còn Phòng Công tác sinh viên thì được giao những việc gì?", "Trung tâm QLCL có nhiệm vụ gì?": the duties of a body
# the question names, read under the heading naming it (assistant/answering/heading_items.py)
DUTIES_ASK_Q = re.compile(r"\b((?:phong|so|ban|trung tam|khoa|cac khoa|uy ban nhan dan|ubnd|hoi dong|cong doan|"
                          r"doan thanh nien|van phong|thanh tra)(?: \w+){1,6}?) (?:thi )?(?:duoc giao|co nhiem vu|"
                          r"co trach nhiem|chiu trach nhiem|phai lam|lam) (?:nhung )?(?:viec |nhiem vu |trach nhiem )?"
                          r"(?:gi|nao)\b|"
                          # … and how many ("Trung tâm Quản lý chất lượng được giao tất cả mấy nhiệm vụ?")
                          r"\b((?:phong|so|ban|trung tam|khoa|cac khoa|uy ban nhan dan|ubnd|hoi dong|cong doan|"
                          r"doan thanh nien|van phong|thanh tra)(?: \w+){1,6}?) (?:thi )?(?:duoc giao|co) "
                          r"(?:tat ca |tong cong |tong so )?(?:may|bao nhieu) (?:nhiem vu|viec|cong viec|trach nhiem)\b")
# An item named by its label and number ("chủ đề 2", "bước 3", "nội dung 1"): the segment opening with that label
# is the one asked (assistant/qa/compose.py `labelled_item`)
LABELLED_ITEM_Q = re.compile(r"\b(chu de|buoc|noi dung|hoat dong|nhiem vu|muc tieu|phuong an|bai|"
                             r"chuyen de|tieu chi|giai phap) (\d{1,2})\b")
POINT_OPENING_CHARS = 200
# assistant/qa/widen.py: a row the question names by this share of its name's words (at least this many) is the one
# asked about; "những ai" then asks for the several names of its cells, not for the table's other rows
NAMED_ROW_MIN_WORDS = 4
NAMED_ROW_SHARE = 0.7
NAMED_ROW_MIN_CELLS = 3  # the row's name and at least two values  # a numbered point shown by its opening words (assistant/answering/heading_items.py)
ISSUER_ABBREVIATIONS = {"ttg": "Thủ tướng Chính phủ", "bgddt": "Bộ Giáo dục và Đào tạo", "tp": "Thành phố",
                        "vpcp": "Văn phòng Chính phủ", "qh": "Quốc hội"}  # national bodies only: no province named
ISSUER_BODY = re.compile(r"\b(chinh phu|thu tuong|quoc hoi|bo|so|uy ban|hoi dong|ban chap hanh|trung uong|"
                         r"van phong|cuc|tinh uy|thanh uy|bo truong|chu tich)\b")
DOC_CITED = r"\b{kind}(?:\s+lien tich)?\s+(?:so\s*)?[\w.-]*\d[\w.-]*/"
DAY_IN_TEXT = re.compile(r"\b\d{1,2}\s*/\s*\d{1,2}\b|\bngay\s+\d{1,2}\b|\b\d{1,2}\s*-\s*\d{1,2}\s*/\s*\d{1,2}\b")
# A segment that ends with ":" announces what follows ("… ban hành Kế hoạch … như sau:", "Kính gửi:"): it
# answers nothing itself (set on the development corpus gold sets, where such lines won over the answer).
PASSAGE_ANNOUNCE_PENALTY = 0.15
# A field labelled with the question's own words ("Cấp thực hiện: …" for "thực hiện ở cấp nào"; assistant/qa/compose.py
# `field_label_asked`): a bonus to its passage, and the document's lines with one join the candidates (at most
# FIELD_UNITS of them).
PASSAGE_FIELD_BONUS = 0.15
FIELD_LABEL_MAX_WORDS = 5
# The share of the evidence threshold a passage needs when its field labels the value asked with the question's own
# words ("Học phí: 500.000 đồng/học viên" for "mỗi học viên phải đóng học phí bao nhiêu …"; compose.labelled_value):
# the asker's circumstances and the document's name are words such a line never repeats (issue 16, round 16).
LABELLED_EVIDENCE_SHARE = 0.7
# A field's value saying the document gives nothing there ("Cơ quan phối hợp: Không có thông tin"): the answer is
# that the document does not say; "Phí, lệ phí: Không" is an answer (there is none) (assistant/answering/fact_answers.py `no_information`)
NO_INFO_PASSAGES = 3  # among the best passages quoted
NO_INFO_VALUE = re.compile(r"khong co thong tin|chua co thong tin|khong co du lieu")  # not "Phí: Không" (no fee)
# What a question word asks for, as a field's label names it ("những ai được tham gia" asks the field "Đối tượng
# tham gia: …"; "tổ chức ở đâu" the "Địa điểm tổ chức: …"), accent-free.
WH_LABEL_WORDS = (
    (re.compile(r"\b(ai|nhung ai)\b"), {"doi", "tuong", "thanh", "phan"}),
    (re.compile(r"\b(o dau|tai dau|noi nao)\b"), {"dia", "diem"}),
    (re.compile(r"\b(khi nao|bao gio|luc nao|thoi diem nao)\b"), {"thoi", "gian", "diem"}),
    (re.compile(r"\b(the nao|ra sao|cach nao)\b"), {"hinh", "thuc", "phuong", "cach"}),
    (re.compile(r"\b(bao nhieu|may)\b"), {"so", "luong"}),
)
FIELD_UNITS = 3
# An office asked for ("ai làm Trưởng ban") and a segment naming only its deputy ("…, Phó Trưởng ban thường trực"):
# that person holds another office (assistant/qa/compose.py `deputy_only`), accent-free.
OFFICES = r"truong ban|truong phong|truong khoa|truong doan|to truong|giam doc|hieu truong|chu tich|tong bien tap|" \
          r"chu nhiem|thu truong|cuc truong|vu truong|chanh van phong"
PASSAGE_DEPUTY_PENALTY = 0.1
# A unit that is only its section's heading ("Nội dung 2: Đào tạo giáo viên và chuyển giao công nghệ STEM"): it holds
# the question's words and states nothing; the lines under it answer (assistant/qa/compose.py `bare_heading`).
PASSAGE_HEADING_PENALTY = 0.2
FIELD_ROW_DOCS = 3  # documents of the first candidates whose table rows may be a field asked (fact_answers)
ITEM_NUMBER_ASK_Q = re.compile(_ITEM_NUMBER_ASKED + r"|\bmang so (?:may|bao nhieu)\b")
LIST_ITEM_LINE = re.compile(r"[-+•]\s")  # a unit that opens with a list item (ingest/units.py writes its bullet)
ANNOUNCING_LEAD_MAX_CHARS = 200  # a unit's first line quoted before its item (compose.announcing_lead)
YEAR_BONUS = 0.1  # heading path about the year asked (about another year: minus YEAR_BONUS)
# A heading path of last period's results ("KẾT QUẢ THỰC HIỆN MỤC TIÊU ĐỀ ÁN", "ĐÁNH GIÁ KẾT QUẢ …"), and a question
# asking for results (assistant/qa/compose.py `_year_bonus`): a plan reviews the year before, then sets the year's
# targets, so "chỉ tiêu … năm 2024" is not answered from the review's rows.
RESULTS_PATH = re.compile(r"\bket qua (?:thuc hien|dat duoc)\b|\bdanh gia (?:ket qua|tinh hinh)\b|\btong ket\b")
RESULTS_ASKED = re.compile(r"\bket qua\b|\bda (?:thuc hien|dat|trien khai)\b|\bdat duoc\b|\bthuc hien duoc\b")
# A question naming a section by its heading gets the whole section (when it is short enough).
HEADING_MIN_COVERAGE = 0.6
HEADING_SECTION_MAX_CHARS = 900
# assistant/answering/fact_answers.py: the units the fact composer reads (12: a question typed without diacritics can
# leave the answering unit only in the lexical leg, ranked 9th or 10th after fusion; 8 lost it).
FACT_CANDIDATES = 12
# assistant/answering/table_answers.py: a list asked of the text ("Đề án gồm những nội dung chính nào?") whose best
# passages (this many) announce it ("… bao gồm các nội dung sau:") is not sought in the document's tables.
LIST_ANNOUNCED_HITS = 3
# assistant/qa/refocus.py: a second search inside the document most of the best REFOCUS_DOC_HITS come from, with
# the question's words less its name's (at least REFOCUS_MIN_WORDS left), fused with the first by reciprocal
# rank with REFOCUS_RRF_K (small: a passage only the second search finds still reaches the candidates).
REFOCUS_DOC_HITS = 8
REFOCUS_MIN_WORDS = 3
REFOCUS_RRF_K = 5
# assistant/qa/docname.py: the meta unit's identity lines (labels of ingest/units.py) name a document; the
# passage choice counts them as covered by each passage of that document (issue 16).
# The evidence test counts them at NAME_EVIDENCE_WEIGHT: a question whose only match is the document's name
# ("Toàn tỉnh X có bao nhiêu giáo viên?") is not answered by any of its passages.
NAME_EVIDENCE_WEIGHT = 0.75
NAME_FIELDS = {"Loại văn bản", "Tên văn bản", "Số", "Cơ quan ban hành", "Cơ quan chủ quản", "Địa danh"}
# assistant/answerer.py: a follow-up keeps the conversation's document, the one most of the previous
# question's best FOLLOW_UP_DOC_HITS passages come from.
FOLLOW_UP_DOC_HITS = 5
# assistant/qa/docname.py `named_document`: the word pairs (a document number counts two) a question must share with
# one candidate document's name, and no other candidate's, for the question to be about that document
NAMED_DOC_MIN_MATCHES = 2
NAMED_DOC_DOMINANCE = 3
# the kinds of document a user names one by ("theo thủ tục …", "đề án STEM …"), accent-free
DOC_KIND_Q = re.compile(r"\b(ke hoach|cong van|de an|nghi dinh|nghi quyet|thong tu|quyet dinh|thong bao|thu tuc|chi thi|"
                        r"van ban|ho so moi thau|hsmt|to trinh|bao cao|huong dan|chuong trinh|kh|cv|qd|nd|tb)\b")
# A document named by its kind and number ("Công văn 2345", "kế hoạch số 753"): the one candidate whose name holds that
# number is the one asked about, whatever other documents' words the question shares ("Chương trình giáo dục phổ
# thông" of a STEM schedule's name while it cites "Quyết định 16/2006 và Thông tư 32/2018")
NUMBERED_DOC_KINDS = "ke hoach|cong van|de an|nghi dinh|nghi quyet|thong tu|quyet dinh|thong bao|chi thi|van ban|to trinh"
NUMBERED_DOC_Q = re.compile(rf"\b(?:{NUMBERED_DOC_KINDS}|thu tuc)(?: so)?\s+(\d{{2,5}})(?![\d/])")
# assistant/qa/dated_refs.py: a question asking which document bears the day it gives ("văn bản nào được viện dẫn có
# ngày ban hành 28/11/2011", "văn bản ban hành ngày 30/3/2018 là văn bản nào"), accent-free; the characters of a
# reference quoted after its date (its issuer and subject, up to the end of its clause)
DOCUMENT_OF_DAY_Q = re.compile(rf"\b(?:{NUMBERED_DOC_KINDS}) (?:nao|gi)\b|\bla (?:van ban|cong van|thong tu|nghi dinh|"
                               r"quyet dinh|nghi quyet) (?:so )?(?:nao|gi|may)\b|\bso hieu (?:la )?(?:gi|nao|bao nhieu)\b")
DATED_REFERENCE_CHARS = 240
# assistant/qa/definitions.py: a question asking what a term means ("… được hiểu là ai", "X là gì", "thế nào là X"),
# accent-free; the term before the ask (after the last comma or "theo …,") or after "thế nào là"; at most so many words
DEFINITION_ASK_Q = re.compile(r"\b(?:duoc hieu la|hieu la (?:gi|ai|the nao)|la gi|nghia la gi|duoc dinh nghia|"
                              r"the nao (?:duoc goi )?la|khai niem|dinh nghia)\b")
DEFINED_BEFORE_Q = re.compile(r"(?:^|[,:;]\s*)([^,:;?]{3,60}?)\s+(?:duoc hieu la|la gi|nghia la gi|duoc dinh nghia)\b")
DEFINED_AFTER_Q = re.compile(r"\bthe nao (?:duoc goi )?la\s+([^,:;?]{3,60}?)\s*\??$")
DEFINED_TERM_MAX_WORDS = 6
# assistant/qa/deadlines.py: a time limit counted from an event ("06 tháng kể từ ngày ký hợp đồng"; OCR's "kê từ"
# folds the same), not working days; and a question asking when something ends or is due (accent-free)
LIMIT_FROM_EVENT = re.compile(r"(?<![\d.,/])(\d{1,3})\s*(ngay|tuan|thang|nam)\s*,?\s*(?:ke|tinh)\s+tu\b")
WHEN_ASK_Q = re.compile(r"\b(?:khi nao|luc nao|bao gio|ngay nao|thoi diem nao|cham nhat|han chot)\b")
# the document a question asks according to ("Theo Nghị định 116/2016/NĐ-CP …", "theo Công văn số 2637 …"), accent-free
_ACCORDING_TO_NUMBERED = rf"\btheo\s+(?:{NUMBERED_DOC_KINDS}|huong dan)\s+(?:so\s+)?(\d{{1,5}}[a-z]?)\b"
ACCORDING_TO_NUMBERED_DOC_Q = re.compile(_ACCORDING_TO_NUMBERED)
# … and one the question itself says the plan only cites ("Theo Nghị định 24/2021/NĐ-CP được Công văn 2345 nhắc đến,
# hội đồng trường có bao nhiêu thành viên?", "Theo Công văn 3089 mà Đề án viện dẫn, …"): what it asks is that other
# document's content, which the plan's line citing it does not give — unless it asks that document's own facts
# (its day, its issuer, its subject), which the citing line does give
ACCORDING_TO_CITED_Q = re.compile(_ACCORDING_TO_NUMBERED + r"[^?]{0,120}?"
                                  r"\b(?:ma|duoc)\b[^?]{0,80}?\b(?:vien dan|can cu|nhac|neu|dan chieu|trich dan|de cap)\b")
CITED_DOC_FACT_Q = re.compile(r"\b(?:ban hanh|ky) (?:ngay|vao|khi|luc)\b|\bngay (?:ban hanh|ky)\b|\bco quan nao\b|"
                              r"\bdo (?:ai|ai ky|co quan nao)\b|\bve viec gi\b|\bten (?:la )?gi\b|\btrich yeu\b")
NAME_PAIR_SKIP = {"cho", "cua", "va", "o", "tai", "ve", "theo", "voi", "cac", "nhung", "la", "co", "thi", "nam", "ngay",
                  "thang", "so", "tu", "den", "trong", "tren", "duoc"}
# assistant/answering/document_facts.py: a question about the document itself (who signed it, when, its number,
# who issued it, to whom it is sent), on the accent-free form, and the meta unit's lines that answer it
# (labels of ingest/units.py). Written from the kinds of question in the development gold sets' "signer",
# "issuer", "number" and "date" tags; "căn cứ …" questions ask a cited document's number, not this one's.
HOW_MANY_Q = re.compile(r"\b(may|bao nhieu)\b")  # a number asked (accent-free), whatever else the question asks
DOC_FACT_Q: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"\b(ai|nguoi nao) (la nguoi |da |se )?ky\b|\bnguoi (da )?ky\b|\bky boi\b|\bky ten\b|"
                r"\bchu ky cua ai\b"), ("Người ký", "Chức vụ người ký", "Người cùng ký")),
    # the signer's capacity ("ông X ký văn bản này với chức danh gì", "người ký giữ chức vụ gì")
    (re.compile(r"\bky\b.{0,40}\b(chuc danh|chuc vu|cuong vi|tu cach) (gi|nao)\b|\bnguoi ky\b.{0,30}\b(chuc danh|chuc vu)\b"),
     ("Chức vụ người ký", "Người ký")),
    (re.compile(r"\bban hanh (vao )?(ngay nao|ngay bao nhieu|khi nao|luc nao|thoi gian nao)\b|"
                r"\b(ngay nao|khi nao|luc nao|thoi gian nao) (duoc )?(ky|ban hanh)\b|"
                r"\b(duoc )?ky (ban hanh )?(vao )?(ngay nao|khi nao|luc nao)\b|\bngay ban hanh\b|\bngay ky\b"),
     ("Ngày ban hành", "Phụ lục ghi khác")),
    (re.compile(r"\bso hieu\b|\bso ky hieu\b|\bco so (la )?(gi|bao nhieu|may)\b|\bky hieu (la )?(gi|nao|the nao)\b"),
     ("Số", "Phụ lục ghi khác")),
    (re.compile(r"\b(co quan|don vi|ai|noi) (nao )?ban hanh\b|\bban hanh boi\b"),
     ("Cơ quan ban hành", "Cơ quan chủ quản")),
    # where it was issued: the place before its date ("Hà Nội, ngày 07 tháng 6 năm 2021")
    (re.compile(r"\b(ban hanh|(?<!dang )ky) (o|tai) (dau|noi nao|tinh nao|thanh pho nao|dia phuong nao)\b|\bdia danh\b"),
     ("Địa danh",)),
    # the issuer's parent body ("Bệnh viện X trực thuộc cơ quan nào", "cơ quan chủ quản là ai")
    (re.compile(r"\btruc thuoc (co quan |don vi |cap )?(nao|ai|gi)\b|\bco quan chu quan\b"), ("Cơ quan chủ quản",)),
    (re.compile(r"\bgui (cho |den |toi )?(ai|nhung ai|don vi nao|co quan nao|nhung don vi nao|nhung co quan nao)\b|"
                r"\bnoi nhan\b|\bkinh gui\b|"
                # sent for a purpose the recipients' line states ("được gửi để phối hợp thực hiện tới những phòng nào":
                # "Phòng GDPT, GDTX, NN và ĐH (để phối hợp thực hiện)")
                r"\bgui de [^?]{1,40}?\b(?:cho|den|toi) (?:nhung |cac )?[a-z]+(?: [a-z]+)? nao\b|"
                # where its copy is kept ("lưu tại đâu"), why it is sent to a recipient ("gửi Ban Giám đốc Sở để làm gì":
                # "Ban Giám đốc Sở (để báo cáo)")
                r"(\bban luu\b|^(cong van|van ban|ke hoach|quyet dinh|thong bao|to trinh)\b)[^?]*"
                r"\bluu (o|tai) (dau|noi nao|(nhung )?(bo phan|don vi|phong|noi) nao)\b|"
                r"\bban luu (o|tai) (dau|noi nao|(nhung )?(bo phan|don vi|phong|noi) nao)\b|"
                r"\b(nay|do|cong van|van ban|ke hoach|quyet dinh|thong bao|to trinh) (duoc )?gui "
                r"(?!(bao cao|ho so|danh sach|du lieu|san pham|bai|ket qua|y kien)\b)[^?]{1,60}"
                r"\b(de lam gi|(voi|nham) muc dich gi)\b|"
                # the document, named first, sent to a recipient for a purpose ("Công văn … gửi Ban Giám đốc Sở và
                # các phòng … với mục đích gì")
                r"^(cong van|van ban|ke hoach|quyet dinh|thong bao|to trinh)\b[^?]*\bgui "
                r"(?!(bao cao|ho so|danh sach|du lieu|san pham|bai|ket qua|y kien)\b)[^?]{1,80}"
                r"\b(de lam gi|(voi|nham) muc dich gi)\b|"
                # which offices receive it ("gửi những phòng nào của Sở", "phòng nào khác … cũng nhận văn bản")
                # ... and the ones it is sent to for a purpose ("được gửi để báo cáo đến những cơ quan nào")
                r"\bgui (de (bao cao|thuc hien|biet|phoi hop|chi dao) )?(cho |den |toi )?(nhung |cac )?"
                r"(phong|ban|bo phan|don vi|co quan|noi) nao\b|"
                r"\b(phong|bo phan|don vi|co quan) nao\b[^?]{0,30}\bnhan (duoc )?(van ban|cong van|thong bao)\b|"
                # whether the document, named first, is sent to someone ("công văn 4532 … có gửi cho Chủ tịch và các
                # Phó Chủ tịch UBND tỉnh không", "… có gửi cho viện nào thuộc Bộ GDĐT không")
                r"^(cong van|van ban|ke hoach|quyet dinh|thong bao|to trinh|nghi dinh|de an|huong dan)\b[^?]*"
                r"\b(co|duoc) gui (cho|den|toi) (?!(bao cao|ho so|danh sach|du lieu|san pham|bai|ket qua|y kien)\b)"
                r"[^?]{1,80}\b(khong|chua)\b"),
     ("Nơi nhận", "Kính gửi")),
]
# A document named by its number ("Quyết định 1412 …", "Kế hoạch 52/KH-UBND …"): four-digit years excepted.
DOC_NUMBER_Q = re.compile(r"(?<![\d/.,])(\d{1,5})(?=/|\s|$|[?,.])")
# a document's number with a letter ("Nghị quyết 30c/NQ-CP"), before its symbol
DOC_LETTERED_NUMBER_Q = re.compile(r"(?<![\d/.,])(\d{1,5}[a-z])(?=/)", re.I)
DATE_IN_Q = re.compile(r"\b\d{1,2}/(?:\d{1,2}/)?\d{4}\b(?!/)")
# assistant/qa/places.py: the nouns after which a question gives a province's proper name ("tỉnh Hà Giang", "thành
# phố Cần Thơ"), as written (case matters: the name is read from its capitals). Only provinces: a plan is a
# province's or one of its bodies', so a province it never names is another's; a district, commune or school named
# without "tôi" is as often the asker's context as the subject (a provincial contest asked about by a school's
# pupils), and the first version with them abstained on an answerable question of a held-out set (its floor).
PLACE_NOUNS = r"[Tt]ỉnh|[Tt]hành phố|TP\."
# Districts, communes and wards: read only where the answer itself speaks of another one by name ("huyện Quỳnh Lưu có
# bao nhiêu câu lạc bộ" answered "Tại huyện Thanh Chương, …"), and the document never names the one asked.
# Schools, universities and hospitals the same way ("đại diện Trường Đại học Y Dược" answered with another university's).
LOCAL_PLACE_NOUNS = r"[Hh]uyện|[Qq]uận|[Tt]hị xã|[Xx]ã|[Pp]hường|(?:[Tt]rường )?(?:Đại học|Cao đẳng)|[Tt]rường (?:THPT|THCS|" \
                    r"Tiểu học|Mầm non)|[Bb]ệnh viện"
# the asker's own place ("Tôi dạy ở huyện X", "trường tôi ở xã Y") is context, not what is asked about
PLACE_SELF_Q = re.compile(r"\b(tôi|mình|toi|chúng em)\b")  # on the question lowercased, not folded ("Minh")
# Offices and bodies a question may name by their proper name ("Sở Tư pháp", "Trung tâm Thông tin …"), as typed with
# or without accents: one no cited document mentions cannot be what the answer is about (assistant/qa/places.py)
BODY_NOUNS = r"Sở|So|Phòng|Phong|Bộ|Bo|Cục|Cuc|Chi cục|Chi cuc|Tổng cục|Tong cuc|Viện|Vien|Ban|Ủy ban|Uỷ ban|Uy ban|" \
             r"Bệnh viện|Benh vien|Đại học|Dai hoc|Học viện|Hoc vien|Cao đẳng|Cao dang|" \
             r"Công ty|Cong ty|Ngân hàng|Ngan hang|Trung tâm|Trung tam|Văn phòng|Van phong|Kho bạc|Kho bac"
# Which body does something ("bộ nào hướng dẫn …", "đơn vị nào chịu trách nhiệm …", "ai phụ trách …") and a heading
# that names one ("3. Bộ Dân tộc và Tôn giáo", "Phòng Giáo dục và Đào tạo:", "Ban Tổ chức"): an item of a plan's
# "Tổ chức thực hiện" says what its body does without naming it (assistant/qa/compose.py `fact_answer`)
BODY_ASK_Q = re.compile(r"\b(?:co quan|don vi|bo|so|phong|ban|ben|to chuc|bo phan|nganh|cap) nao\b|"
                        r"\b(?:do ai|la ai|ai (?:chiu trach nhiem|phu trach|chu tri|huong dan|thuc hien|to chuc|"
                        r"ban hanh|quy dinh|co trach nhiem|lam))\b|"
                        # "… thì do Sở hay Tạp chí Giáo dục chủ trì?": which of two bodies does it
                        r"\bdo\b[^?]{0,60}\bhay\b[^?]{0,60}\b(?:chu tri|phu trach|thuc hien|dam nhan)\b")
BODY_HEADING = re.compile(rf"^(?:[\dIVXivx]+(?:\.\d+)*[.)]?\s*|[a-zđ][.)]\s*)?(?:{BODY_NOUNS}|UBND|Ủy ban nhân dân|"
                          r"Hội đồng|Đoàn|Trường|Các sở|Các phòng|Công an|Bảo hiểm|Tạp chí|Báo|Đài|Học viện|Đại học|"
                          r"Bệnh viện|Nhà trường|Cơ sở giáo dục|Các trường|Các đơn vị|Các cơ sở|Các cơ quan|Cơ quan|"
                          r"Hiệu trưởng|Giám đốc|Thành đoàn|Tỉnh đoàn|Công đoàn|Liên đoàn|Hội(?! nghị| thi| thảo| diễn))\b")
BODY_HEADING_MAX_CHARS = 120  # a heading, not a paragraph that begins with a body's name
PLACE_NOT_NAME = {"thi", "co", "la", "duoc", "da", "se", "nam", "thang", "ngay", "can", "phai", "nhu"}
PLACE_NOT_NAME_VI = {"thì", "có", "là", "được", "đã", "sẽ", "năm", "tháng", "ngày", "cần", "phải", "như"}
DOC_FACT_MIN_NAME_COVERAGE = 0.3  # of the question's words in a document's header, to pick it among several
# The document's own header (title, type) asked for: the meta unit competes with the text for these.
DOC_TITLE_Q = re.compile(r"\bten (van ban|ke hoach|cong van|de an|quyet dinh|nghi dinh|thong bao)\b|\btrich yeu\b|"
                         r"\bloai van ban\b|\bve viec gi\b")
DOC_FACT_NOT_Q = re.compile(r"\bcan cu\b|\btheo (quyet dinh|cong van|nghi dinh|thong tu|nghi quyet)\b[^?]*\bso (may|bao nhieu)|"
                            # a report or results sent by a body the question names ("Văn phòng đó tổng hợp báo cáo
                            # kết quả … gửi cho những ai"): the body's addressees, not the document's recipients
                            r"\b(bao cao|ket qua)\b[^?]{0,40}\bgui (cho |den |toi |len )?(ai|nhung ai)\b")
LOOKUP_MIN_COVERAGE = 0.5  # a lookup answers from a table row only when one covers this much of the task
LOOKUP_TEXT_MARGIN = 0.15  # a text line covering the task this much better than the best row answers instead
TABLE_MIN_RELEVANCE = 0.45  # a table without constraints answers only when this relevant to the question

# ---------------------------------------------------------------------------------------------------------
# Document structure (issue 16: "answers that hold on plans nobody tuned for"). Written for layouts the plan
# does not have, from the descriptions in eval/corpus-dev/SOURCES.md and general Vietnamese administrative
# writing (Nghị định 30/2020/NĐ-CP forms); checked on the corpus-dev documents, not scored on a gold set.
# ---------------------------------------------------------------------------------------------------------

# ingest/tables.py: a group row whose title starts with one of these names a place or a body ("HUYỆN X",
# "TP Cao Lãnh", "Trường THCS A", "Phòng GDĐT"): the rows under it are labelled by that title
# ("Phụ lục 01, HUYỆN X, dòng 2") rather than by the group's number. Read on the lowercased title WITH its
# tone marks (accent-free "so" would be both "sở" and "số"). Written for budget-allocation and school-list
# annexes grouped by district or unit; none of the plan's group titles starts with one.
ENTITY_GROUP_TITLE = re.compile(r"^(huyện|quận|thị xã|thành phố|tỉnh|xã|phường|thị trấn|đặc khu|trường|sở|phòng|"
                                r"ủy ban|uỷ ban|ubnd|bệnh viện|trung tâm|viện|công ty|cơ quan)(?!\w)|"
                                r"^(h|q|tp|tx)\.?\s+\w")
# ingest/tables.py: header cells that only number the columns ("Col1", "Column 2", "Cột 3"), as a
# PDF-to-Markdown pipeline writes on the second part of a table split at a page break (corpus-dev #11).
PLACEHOLDER_HEADER = re.compile(r"^(col|column|cot)\s*\d+$")
# ingest/units.py: a form's table left to fill in (named columns, rows holding at most their first cell): its rows
# show each empty column so, that its columns are in the text ("Tháng: Tháng …; Chủ điểm: …; …").
BLANK_FORM_MIN_COLUMNS = 3
# assistant/qa/compose.py `abbreviated`: a text's abbreviation of the question's words ("TK" for "tài khoản"), at most
# this many letters; not the labels that number a table's rows
ABBREVIATION_MAX_LETTERS = 6
ABBREVIATION_MIN_LETTERS = 3
NOT_ABBREVIATIONS = frozenset({"tt", "stt"})
# assistant/answering/table_columns.py: a table's columns asked ("gồm những cột nào", "có bao nhiêu cột"), accent-free
COLUMNS_Q = re.compile(r"\b(?:nhung|cac) cot (?:nao|gi)\b|\b(?:bao nhieu|may) cot\b|\bgom (?:nhung |cac )?cot\b")
BLANK_CELL = "…"

# ingest/meta.py: the header and the signature block of Vietnamese administrative documents (the forms of
# Nghị định 30/2020/NĐ-CP: issuer | motto, number | place and date, type and subject, "Nơi nhận" | signature).
# Written for layouts the plan does not have: the corpus-dev PDFs (text layers that glue the two columns,
# OCR that drops accents), DOCX and Word plain text (the frame as a borderless table). Patterns ending in _F
# are read on the accent-free form (`ingest.text.fold`); the others on the printed text. DOC_TYPES and the
# signer titles were in ingest/meta.py before (tuned on the plan's header and signature).
META_DOC_TYPES = ("KẾ HOẠCH", "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "ĐỀ ÁN", "THÔNG TƯ", "NGHỊ ĐỊNH", "CHỈ THỊ",
                  "BÁO CÁO", "CÔNG VĂN", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "LUẬT", "THÔNG BÁO", "TỜ TRÌNH")
META_JOINED_TITLE_CHARS = 300  # "KẾ HOẠCH Tổ chức …" in one paragraph: a type line and its subject, when this short
ATTACHED_DOCUMENT = "Văn bản kèm theo"  # an attached document's section when its header gives no subject
META_MOTTO = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|Độc lập\s*-)", re.I)
# A signer's title, on the accent-free form (OCR drops and swaps accents: "GIÁM ĐÓC"): "KT. CHỦ TỊCH",
# "PHÓ HIỆU TRƯỞNG", "TM. ỦY BAN NHÂN DÂN", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG".
META_SIGNER_TITLE_F = re.compile(
    r"^(kt|tm|tl|q|ktl)?\s*\.?\s*(pho\s*)?(giam\s*doc|chu\s*tich|truong\s*phong|hieu\s*truong|bo\s*truong|"
    r"thu\s*truong|truong\s*ban|u[yỷ]\s*ban\s*nhan\s*dan|chanh\s*van\s*phong|tong\s*giam\s*doc|thu\s*tuong|"
    r"vien\s*truong|cuc\s*truong|tong\s*bien\s*tap|truong\s*khoa|chu\s*nhiem)(?![a-z])")
META_ISSUER_NOTE = re.compile(r"của\s+(.+?)\s*\)?\s*$", re.S)
# "(Kèm theo Kế hoạch số 15/KH-SGDĐT ngày 10 tháng 3 năm 2024 của …)": what an annex says of its document.
META_NOTE_REF = re.compile(r"kèm theo\s+(\w+(?:\s+\w+)?)\s+số\s*:?\s*(\d*)\s*(/[^\s,)]+)?", re.I)
META_NOTE_DATE = re.compile(r"ngày\s*(\d{0,2})\s*(?:tháng|/)\s*(\d{0,2})\s*(?:năm|/)\s*(\d{4})", re.I)

# Marks, on the accent-free lowercase form (same length as the NFC text, position for position).
META_MOTTO_F = re.compile(r"cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam|"
                      r"doc\s*lap\s*[-–—]*\s*tu\s*do\s*[-–—]*\s*hanh\s*phuc\s*[-–—_.]*")
META_NUMBER_F = re.compile(r"(?<![a-z])so\s*:")
META_PLACE_DATE_F = re.compile(r",\s*ngay\b.{0,12}?thang.{0,12}?nam\s*(?:\d{1,2}\s+){0,2}\d{4}\s*$")
META_RECIPIENTS_F = re.compile(r"(?<![a-z])noi\s*nhan\s*:?")
META_ATTACHED_F = re.compile(r"(?<![a-z])dinh\s*kem\s*:")
META_SIGNED_F = re.compile(r"\(\s*(da\s*ky|ky|ky ten|ky,)[^)]{0,40}\)")
META_SIGN_PREFIX_F = re.compile(r"(?<![a-z])(kt|tm|tl|q|ktl)\s*\.\s*(?=[a-z])")
META_PLACE_F = re.compile(r"^\s*([^,\d/:;]{2,40}?)\s*,\s*ngay\s*(\S{0,4}?)\s*thang\s*(\S{0,4}?)\s*nam\s*"
                      r"(?:\d{1,2}\s+){0,2}(\d{4})\s*$")
META_BODY_OPENER_F = re.compile(r"^(can cu|thuc hien|kinh gui|theo|de |nham|tren co so|xet|vi |ve viec thuc hien)")
META_AUTHORITY_F = re.compile(r"^(uy ban|chu tich|bo truong|giam doc|hieu truong|thu tuong|hoi dong|chinh phu|"
                          r"vien truong|cuc truong)")
META_TOC_F = re.compile(r"^\W*muc\s*luc\W*$")
# An organisation line of the header starts with one of these (spaces removed: "TRUNG TÂMTHÔNGTIN"); a line
# that does not ("THÀNH PHỐ HỒ CHÍ MINH") continues the one above.
META_ORG_STARTS = ("uybannhandan", "ubnd", "hoidongnhandan", "so", "bo", "phong", "truong", "benhvien", "trungtam",
                   "tapchi", "congty", "vanphong", "ban", "vien", "cuc", "tongcuc", "chicuc", "daihoc", "hocvien",
                   "chinhphu", "quochoi", "tinhuy", "thanhuy", "huyenuy", "dang", "doan", "hoi", "kiemtoan", "khobac",
                   "thanhtra", "toaan", "vienkiemsat", "congan", "bochihuy", "tong")
# Where one header line (a DOCX cell: "PHÒNG GD&ĐT HUYỆN X TRƯỜNG TIỂU HỌC Y") holds two organisations: a
# new one starts at one of these words (printed, in capitals), unless the words before it are only another
# such word ("TRƯỜNG ĐẠI HỌC", "VĂN PHÒNG UBND") or it is inside one ("BỆNH VIỆN").
META_ORG_SPLIT = ("ỦY BAN", "UỶ BAN", "UBND", "SỞ", "BỘ", "PHÒNG", "TRƯỜNG", "BỆNH VIỆN", "TRUNG TÂM", "TẠP CHÍ",
                  "CÔNG TY", "VĂN PHÒNG", "CỤC", "CHI CỤC", "VIỆN", "ĐẠI HỌC", "HỌC VIỆN")
META_ORG_JOINERS = ("VÀ",)  # "SỞ GIÁO DỤC VÀ ĐÀO TẠO": not where a second organisation starts
META_SUBJECT_F = ("v/v", "ve viec")  # the subject line under the type line ("V/v …", "Về việc …")
META_LETTER_TYPE = "CÔNG VĂN"  # a document with a "V/v" subject and no type line is an official letter
# "Kính gửi: …" opens a letter's list of addressees (accent-free); at most this many are kept.
META_ADDRESSEES_F = re.compile(r"^kinh\s*gui\s*:?\s*")
META_MAX_ADDRESSEES = 20
META_LAST_RECIPIENT_F = ("luu",)  # "Lưu: VT, …" closes the list of recipients
# The conventional first line of a list of recipients ("- Như trên;", "- Như Điều 4;"): it opens the list when its
# label "Nơi nhận:" is lost (a scan's small italic print that OCR drops), accent-free, the line's dash optional.
META_FIRST_RECIPIENT_F = re.compile(r"^[-–•+]?\s*nhu\s+(?:tren|dieu\s+\d+(?:\s*,\s*\d+)*)\s*[;,.]?\s*$")
META_HONORIFIC = re.compile(r"^((?:[A-ZĐ][A-Za-zĐđ]{0,4}\.)+\s*|Ông\s+|Bà\s+|Đ/c\s+)+")
META_REF_TYPES = {"ke hoach": "KẾ HOẠCH", "quyet dinh": "QUYẾT ĐỊNH", "cong van": "CÔNG VĂN", "thong bao": "THÔNG BÁO",
                  "nghi quyet": "NGHỊ QUYẾT", "de an": "ĐỀ ÁN", "chuong trinh": "CHƯƠNG TRÌNH", "huong dan": "HƯỚNG DẪN",
                  "nghi dinh": "NGHỊ ĐỊNH", "thong tu": "THÔNG TƯ", "chi thi": "CHỈ THỊ", "bao cao": "BÁO CÁO"}
# "Sở … ban hành Kế hoạch nâng cao … đến năm 2025, với những nội dung sau": a plan that lost its header
# names itself in its opening sentence.
# A labelled line near the top of a document without a title of its own names what it is about: a bidding
# document's "Dự toán/gói thầu: Thuê phần mềm …", a procedure page's "Tên thủ tục: Xét tuyển sinh …" (folded,
# bullet stripped; tuned on the development corpus's technical requirements and administrative procedure).
META_SUBJECT_LABEL_F = re.compile(r"^(?:ten\s+)?(?:du\s+toan\s*/\s*goi\s+thau|goi\s+thau|du\s+an|de\s+an|thu\s+tuc|"
                                  r"chuong\s+trinh|nhiem\s+vu|de\s+tai|trich\s+yeu)\s*:\s*(?=\S)")
META_SUBJECT_LINES = 25  # body lines looked at for it
META_SELF_NAMED = re.compile(r"\b(?:ban hành|xây dựng)\s+(Kế hoạch|Đề án|Chương trình|Hướng dẫn|Quy chế)\s+"
                         r"(.{10,200}?)\s*(?:,|;|:|\s+(?:với|như sau|gồm)\b|\.?$)")

# ---------------------------------------------------------------------------------------------------------
# Figures and their subjects (issue 17: assistant/staff/figures.py, the checker by meaning and `kehoach
# align`). Written from general Vietnamese plan writing ("tối thiểu 70% các cơ sở giáo dục …", "tỷ lệ … đạt
# trên 90%", "giảm tỷ lệ học sinh bỏ học xuống dưới 1%"); checked on the corpus plan and the development corpus
# (eval/corpus-dev/), not scored on a gold set. Read on the accent-free text.
# ---------------------------------------------------------------------------------------------------------

# Words just before a figure that make it a bound: "tối thiểu 70%", "trên 80%" (at least) / "dưới 1%" (at most).
FIGURE_AT_LEAST_F = re.compile(r"\b(toi thieu|it nhat|tren|hon|khong duoi|khong it hon|vuot|tu)\s*$")
FIGURE_AT_MOST_F = re.compile(r"\b(toi da|duoi|khong qua|khong vuot qua|khong hon|thap hon|xuong con|xuong duoi|"
                              r"xuong)\s*$")
# What a count is of: "35 trường", "1.200 học sinh" (the unit of a count; a percentage's unit is "%").
COUNT_NOUNS = ("co so giao duc", "truong", "hoc sinh", "hoc vien", "giao vien", "nha giao", "can bo quan ly",
               "lop", "phong hoc", "phong", "don vi", "thu tuc", "ho so", "nguoi", "tre", "xa", "huyen")
# Who or what a percentage is of ("70% các cơ sở giáo dục", "35% học sinh phổ thông"): looked for in the words
# right after the figure, words like "các", "số" skipped.
POPULATION_NOUNS = ("co so giao duc", "truong", "hoc sinh", "hoc vien", "giao vien", "nha giao", "can bo quan ly",
                    "nguoi hoc", "cha me hoc sinh", "tre", "sinh vien", "thu tuc hanh chinh", "dich vu cong",
                    "ho so", "van ban", "cuoc hop", "hoat dong", "noi dung", "phong hoc", "lop", "don vi",
                    "xa", "ho gia dinh", "nguoi dan", "doanh nghiep", "to chuc", "co quan")
POPULATION_SKIP = ("cac", "so", "nhung", "tong so", "moi")
POPULATION_WINDOW = 6  # words after the figure searched for its population
# A figure's direction: how a target of this subject is made stricter. Lower is better when the subject says
# it is a drop or a bad outcome ("tỷ lệ học sinh bỏ học", "giảm … xuống"); otherwise higher is better.
LOWER_IS_BETTER_F = re.compile(r"\b(bo hoc|luu ban|suy dinh duong|thap coi|beo phi|vi pham|tai nan|giam|ngheo|"
                               r"that nghiep|mu chu|roi mang|sai sot|qua han|ton dong|chua dat|khong dat)\b")
# Sections of a plan that report the past period (besides PAST_PARTS): their figures are results.
RESULT_COLUMNS = ("ket qua", "da thuc hien", "thuc hien", "uoc dat", "thuc te")
# The column of a results table that states the target itself (its figures are the period's targets).
TARGET_COLUMNS = ("chi tieu", "muc tieu", "nhiem vu", "noi dung")

# Matching two figures' subjects (assistant/staff/matching.py): the word-overlap share (cosine of content-word
# sets) and the embedding's rank. Tuned on the corpus plan (its one restated target, "tối thiểu 70%" in the
# specific targets vs "80%" in the key tasks, and its many same-population, different-activity targets) and
# checked on the development corpus with the FakeEmbedder and the real e5 model.
SUBJECT_MIN_WORDS = 0.55  # word-overlap share below which two figures' subjects are never the same
SUBJECT_SURE_WORDS = 0.8  # word-overlap share above which they are, whatever the embedding says
SUBJECT_MIN_RANK = 0.9  # between the two: the pair must be closer in meaning than this share of compared pairs

# Deadlines of tasks (assistant/staff/align.py): "Tháng 6/2024", "Quý II/2024", "trước ngày 30/6/2024",
# "Năm 2024", "Thường xuyên". General Vietnamese plan writing; checked on the corpus plan's task annex.
DEADLINE_QUARTER_F = re.compile(r"\bquy\s+([ivx]+|\d)\s*(?:/|nam\s+)?\s*(20\d\d)?")
DEADLINE_MONTH_F = re.compile(r"\bthang\s+(\d{1,2})\s*(?:/|nam\s+)\s*(20\d\d)")
DEADLINE_DATE_F = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(20\d\d)\b")
DEADLINE_YEAR_F = re.compile(r"\bnam\s+(20\d\d)\b")

# `kehoach align` and its chat intent (assistant/staff/chat.py): "kế hoạch của trường có đủ chỉ tiêu của Sở
# không?", "đối chiếu kế hoạch với kế hoạch của Sở". Written for issue 17 (tests/test_align.py), not tuned on
# users' questions.
ALIGN_Q = re.compile(r"\b(doi chieu|so khop|can chinh)\b.*\bke hoach\b|\bke hoach\b.*\b(du|dap ung|bam sat|thuc hien "
                     r"du|bao quat|co du)\b.*\b(chi tieu|nhiem vu|muc tieu)\b.*\b(cua|cap tren|so|bo|phong|ubnd)\b|"
                     r"\b(thieu|bo sot|chua co)\b.*\b(chi tieu|nhiem vu)\b.*\b(cua|cap tren)\b")
# Issuers from the highest level down (accent-free prefixes of the issuer's name): a plan takes as its upper
# plan one of a higher issuer. General Vietnamese administration; not tuned on a document.
ISSUER_LEVELS = (("chinh phu", "thu tuong", "bo ", "bo giao duc"), ("uy ban nhan dan tinh", "ubnd tinh", "uy ban nhan dan thanh pho",
                 "ubnd thanh pho"), ("so ",), ("uy ban nhan dan huyen", "ubnd huyen", "uy ban nhan dan quan", "phong "),
                 ("truong", "trung tam"))

# ingest/readers/pdf.py: a gap between two lines smaller than this share of the page's usual font size is no line
# pitch (a superscript, a shifted baseline). Issue 16: a notice set in 14 points got a 10-point pitch from such gaps,
# and a sentence wrapped over two lines was cut into two paragraphs.
PDF_MIN_PITCH_SHARE = 0.9

# The people of a list who belong to a body (assistant/answering/members.py): "những ai thuộc Phòng Giáo dục Phổ thông",
# "những người nào của Tạp chí Giáo dục", "ai là người đến từ Sở Y tế" (folded); the body is what follows, up to a
# word that goes on to something else ("… trong Ban chỉ đạo", "… và giữ chức vụ gì").
MEMBERS_OF_Q = re.compile(r"\b(?:nhung ai|nhung nguoi nao|nhung thanh vien nao|ai la nguoi|nhung nguoi)\s+"
                          r"(?:la nguoi\s+)?(?:thuoc|cua|den tu|lam o|cong tac (?:o|tai))\s+([^?,;]+?)"
                          r"(?=\s+(?:trong|theo|tai|la|co|duoc|va giu|giu)\b|\s*[?,;.]|\s*$)")
MEMBERS_BODY_MIN_WORDS = 2  # "thuộc Sở" names no body: several words do ("Phòng Giáo dục Phổ thông")
PERSON_LINE_F = re.compile(r"^(?:ong|ba|dong chi|d/c)\s+[a-z]")  # a line naming a person, folded
