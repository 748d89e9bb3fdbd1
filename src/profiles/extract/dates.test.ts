import { test } from "node:test";
import assert from "node:assert/strict";
import { facts, found } from "./test-helpers.ts";

const date = (text: string) => facts(text).filter((f) => f.type === "date");

test("dates in Chinese: 下周三, 3月5日, a full date, 下个月15号, 年底", () => {
  assert.deepEqual(found("下周三有空吗？", "date"), ["下周三"]);
  assert.equal(date("下周三有空吗")[0]?.value, "2026-01-21"); // NOW is Thursday 2026-01-15
  assert.deepEqual(found("我生日3月5日哈哈", "date"), ["3月5日"]);
  assert.deepEqual(found("我1990年5月3日出生的", "date"), ["1990年5月3日"]);
  assert.equal(date("下个月15号搬家")[0]?.value, "2026-02-15");
  assert.deepEqual(found("年底前要上线", "date"), ["年底"]);
});

test("dates in English: next Friday, 05/03/1990, March 15, end of this week", () => {
  assert.deepEqual(found("can we meet next Friday?", "date"), ["next Friday"]);
  assert.deepEqual(found("My birthday is 05/03/1990 lol", "date"), ["05/03/1990"]);
  assert.equal(date("My birthday is 05/03/1990")[0]?.value, "1990-05-03");
  assert.deepEqual(found("delivery by March 15 would be great", "date"), ["March 15"]);
  assert.deepEqual(found("need the quote by end of this week", "date"), ["end of this week"]);
});

test("dates: a time of day joins its day; alone it is not a date; a birthday is marked", () => {
  assert.deepEqual(found("下周三下午有空吗", "date"), ["下周三下午"]);
  assert.deepEqual(found("下午有空吗", "date"), []);
  assert.equal(date("我生日是12月20日")[0]?.role, "birthday");
  assert.equal(date("born on July 4, 1985")[0]?.role, "birthday");
  assert.equal(date("see you next Tuesday")[0]?.role, undefined);
  assert.deepEqual(found("I have 3 kids", "date"), []);
});
