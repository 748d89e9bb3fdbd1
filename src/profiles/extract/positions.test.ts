import { test } from "node:test";
import assert from "node:assert/strict";
import { found } from "./test-helpers.ts";

test("Chinese titles: modifiers and head, after a company, CEO and HR", () => {
  assert.deepEqual(found("在字节跳动做产品经理", "position"), ["产品经理"]);
  assert.deepEqual(found("司马光，京东运营总监", "position"), ["运营总监"]);
  assert.deepEqual(found("我是小米集团的HR", "position"), ["HR"]);
  assert.deepEqual(found("我是CEO，公司不大", "position"), ["CEO"]);
  assert.deepEqual(found("诸葛亮是我们总经理", "position"), ["总经理"]);
});

test("Chinese titles: a bare title naming someone else is not the writer's (我们经理吴磊)", () => {
  assert.deepEqual(found("我们经理吴磊让我联系你们", "position"), []);
  assert.deepEqual(found("老板姓马，你直接找他", "position"), []);
  assert.deepEqual(found("帮我开发票", "position"), []);
});

test("English titles: modifiers, 'of <department>', weak heads need a modifier", () => {
  assert.deepEqual(found("I work as a software engineer at Google", "position"), ["software engineer"]);
  assert.deepEqual(found("I'm VP of Sales at Oracle", "position"), ["VP of Sales"]);
  assert.deepEqual(found("Name's Sarah Connor, head of procurement at Cyberdyne Systems", "position"), ["head of procurement"]);
  assert.deepEqual(found("Ben, procurement lead", "position"), ["procurement lead"]);
  assert.deepEqual(found("what's the lead time?", "position"), []);
  assert.deepEqual(found("I'm the co-founder of Nordlicht GmbH", "position"), ["co-founder"]);
});
