import { test } from "node:test";
import assert from "node:assert/strict";
import { found } from "./test-helpers.ts";

test("Chinese names after a cue: 我叫, 我是, 联系人, compound surnames", () => {
  assert.deepEqual(found("你好，我叫王小明，在字节跳动做产品经理", "name"), ["王小明"]);
  assert.deepEqual(found("我叫欧阳娜娜，是小米集团的HR", "name"), ["欧阳娜娜"]);
  assert.deepEqual(found("联系人孙丽，电话0755-86001234", "name"), ["孙丽"]);
  assert.deepEqual(found("请问陈静在吗", "name"), ["陈静"]); // 在 ends the given name
  assert.deepEqual(found("我是华为的张伟", "name"), ["张伟"]); // 华为 is a company, 张伟 a new word to jieba
});

test("Chinese names: a surname alone after 姓, a nickname after 叫我, not 李姐 or 谢谢", () => {
  assert.deepEqual(found("我姓李，木子李，叫我李姐就行", "name"), ["李"]);
  assert.deepEqual(found("叫我小陈就好", "name"), ["小陈"]);
  assert.deepEqual(found("送货到南京，谢谢", "name"), []);
  assert.deepEqual(found("我是老师", "name"), []);
});

test("Chinese names without jieba: the cue rules alone", () => {
  assert.deepEqual(found("我叫黄晓明，不是那个明星哈", "name", true), ["黄晓明"]);
  assert.deepEqual(found("找一下林芳", "name", true), ["林芳"]);
});

test("English names: I'm John Smith, my name is, X here, X speaking, Mr. Patel, lowercase given names", () => {
  assert.deepEqual(found("hi, I'm John Smith from Acme Corp", "name"), ["John Smith"]);
  assert.deepEqual(found("my name is Maria Garcia", "name"), ["Maria Garcia"]);
  assert.deepEqual(found("Tom here, purchasing manager", "name"), ["Tom"]);
  assert.deepEqual(found("sales rep Nancy Davolio speaking", "name"), ["Nancy Davolio"]);
  assert.deepEqual(found("let me check with my boss Mr. Patel", "name"), ["Mr. Patel"]);
  assert.deepEqual(found("hey its mike again", "name"), ["mike"]);
  assert.deepEqual(found("This is Anna Müller from Siemens AG", "name"), ["Anna Müller"]);
});

test("English names: not after I'm a/the/into, not a weekday", () => {
  assert.deepEqual(found("I'm a teacher", "name"), []);
  assert.deepEqual(found("I'm into golf", "name"), []);
  assert.deepEqual(found("I'm the CTO", "name"), []);
  assert.deepEqual(found("it's Monday again", "name"), []);
});

test("English names: the person greeted is the reader, not the writer", () => {
  assert.deepEqual(found("Hi Alice, do you ship oolong to Berlin?", "name"), []);
  assert.deepEqual(found("Hi Alice, I'm Dave Chen, purchasing manager", "name"), ["Dave Chen"]);
  assert.deepEqual(found("Hello, Maria Lopez from Acme", "name"), ["Maria Lopez"]);
  assert.deepEqual(found("Dave Chen, purchasing manager at Northwind", "name"), ["Dave Chen"]);
});
