"""Text normalization for Mandarin news: printed text → what a newsreader says.

`normalize(text)` rewrites only the spans that are not already words (numbers, dates, units,
symbols); Chinese text, Latin letters and punctuation come out as printed.

House style (one reading per kind, chosen for the ear of a news listener):

- cardinals: 两 for a 2 in the thousands (两千, 一万两千) and for a leading 2 before 万 / 亿
  (两万, 两亿); 二 in the hundreds, tens and units (二百, 二十二, 十二); a bare 2 is 两 before a
  measure word (两个, 两名, 两公里, 两元) and 二 otherwise (第二, 二月, 二号, 初二, 二比一, 二楼);
  10–19 at the head of a number drop the 一 (十五, 十一万); zeros collapse to one 零;
  approximations keep their word (七十多万, 十余年, 一千余人).
- decimals: 三点五, digits after the point one by one (零点零五), trailing zeros kept (五点零)
  except in prices (1.50元 → 一点五元); a minus is 负, ± is 正负. Three or more dotted
  parts are read part by part with 点 (第三点一点二条), a part over two digits digit by digit
  (一二七点零点零点一).
- years digit by digit (二零二零年, 零五年, 九八年八月, 二〇二〇 as printed); a number before
  年 that is not a year (100年, 民国38年, 90年代, 50年, 1000年历史) is an amount; a bare 19xx /
  20xx with no measure word after it is a year (2020，我们… → 二零二零); generations 八零后.
- dates: 二零二零年四月十六日 for every printed form (2020-04-16, 2020/04/16, 2020.4.16,
  2020年4月16日, 2019/12, 08-08, 08.08, 08-08-2008, 08/2008); 号 stays 号 (六号); weekdays
  星期一…星期日, 礼拜天; events named by their date digit by digit (5·12 → 五一二).
- times: 九点三十分, 九点零五分 (a minute under ten keeps its 零), 十四点 for a whole hour,
  两点 for 2:00, seconds 三点零四分五秒; 9时30分 keeps its 时; a.m. / p.m. after a time
  are said before it (8:00 a.m. → 上午八点, 12 p.m. → 中午十二点);
  race times 九秒八三. A colon is a score or ratio (三比一) when the minutes are not two digits,
  the hour is past 24, or a score word is at hand (以3:1战胜, 比分, 1:2的比例).
- percent 百分之五十 (百分之百), per-mille 千分之三, fractions 三分之一, 一又五分之一, negative
  负百分之五.
- ranges with 到: 三到五, 一到三月, 两到三个, 二零二三到二零二四赛季, 百分之二十到百分之三十;
  a unit printed at the high end only is said once (三到五摄氏度); a dash between equal numbers
  is a tie (二比二); a descending pair with no context (5-3) is left as printed.
- units by their Chinese names: 千克, 千米, 平方米, 摄氏度 (below zero: 零下三摄氏度), 千伏,
  兆瓦, 度 / 分 for ° and ′; a slash between units is 每 (万吨每年, 千米每小时). Letters that are
  also codes (A, G, S, T alone) and byte units (GB) stay letters.
- money: the currency after the number (￥12.5 → 十二点五元, $5 → 五美元, HKD → 港元).
- hotlines, service numbers and programs digit by digit with 幺 (拨打12345, 110, 12306, 985高校
  九八五, 211工程 二幺幺), found by the words around them (data/number_contexts.tsv), unless
  an amount is meant (110人, 110千伏, 共110);
- phone numbers digit by digit with 幺 for 1 (零三七四二九六幺二三四, 幺三八…, 拨打幺二三四五,
  the 123xx service lines, numbers after 电话 / 热线 / 拨打 / 尾号); codes and IDs digit by digit
  with 一 (G一零七国道, 三零七国道, 邮编四六一零零零, 〔二零二零〕五号), and so is a bare run of
  13 or more digits, one led by 0, or one of 9 to 12 inside a sentence that counts nothing
  (订单二零二零零四一六零零一; but 共有一百一十亿).
- model codes: letters kept, digit runs of one or two read as a number (G二十, 五G, H七N九,
  PM二点五, COVID十九), longer ones digit by digit (C九一九); N95-type masks and roads (S八八高速)
  digit by digit.
- scores: 比 for a dash between two small numbers right after a name (中国1-2) and for a
  slash in a match report (三分球2/2);
- abbreviations in capitals (nba → NBA, c e o → C E O); 300w → 三百万, 5k → 五千; .22口径 →
  点二二口径; a Latin gloss in brackets after its Chinese name is not read (爱思唯尔（Elsevier）);
- symbols: 《》 、 and all Chinese punctuation kept; <= 小于等于, >= 大于等于, ≠ 不等于; a
  slash between words is 每 before a unit (兆比特/秒), 比 near a word of ratio, else a pause (、);
  —— is a pause (，), or nothing where it
  opens a subtitle; a dash or tilde between two spoken dates or times is 到; + is 加, × 乘,
  = 等于, ≥ 大于等于.

Where this differs from NeMo's test suite on purpose:
- am / pm are said before the time as 上午 / 下午, not left after it (10:04am → 上午十点零四分).
- 号 is not turned into 日 (6号 → 六号): that is what is printed and what is said.
- ￥5 is 五元, not 五人民币: 元 is what a newsreader says.
- -23°C is 零下二十三摄氏度, not 负二十三摄氏度: temperatures below zero are 零下.
- 03:04 is 三点零四分, not 三点四分: broadcast style keeps the 零.
- 50年 is 五十年 (an amount), not 五零年: news prints durations (建国70年) far more often.

Precision first: a span the rules cannot place is left as printed rather than guessed: a
descending pair with a dash and no context (5-3), a date-shaped span that is no date
(2020-13-45), Latin words, anything already in Chinese characters (二〇二〇年, 廿五).
"""

from __future__ import annotations

from xcaudio.normalize.suite import suite_accuracy, suite_cases
from xcaudio.normalize.tagger import normalize

__all__ = ["normalize", "suite_accuracy", "suite_cases"]
