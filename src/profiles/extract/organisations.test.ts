import { test } from "node:test";
import assert from "node:assert/strict";
import { found } from "./test-helpers.ts";

test("Chinese companies: the name before the suffix, not the words before it", () => {
  assert.deepEqual(found("我们公司是深圳市腾飞科技有限公司，我是销售总监", "company"), ["深圳市腾飞科技有限公司"]);
  assert.deepEqual(found("发票抬头写上海云图信息技术有限公司", "company"), ["上海云图信息技术有限公司"]);
  assert.deepEqual(found("我们这边是杭州网易雷火科技有限公司", "company"), ["杭州网易雷火科技有限公司"]); // not 网易
  assert.deepEqual(found("我们公司叫蓝海集团，做外贸的", "company"), ["蓝海集团"]);
  assert.deepEqual(found("我在腾讯工作", "company"), ["腾讯"]);
});

test("Chinese organisations: universities, hospitals, agencies; 科技 inside 华中科技大学 is not a company", () => {
  assert.deepEqual(found("我老公在协和医院上班", "organization"), ["协和医院"]);
  assert.deepEqual(found("我们华中科技大学实验室", "organization"), ["华中科技大学"]);
  assert.deepEqual(found("我们华中科技大学实验室", "company"), []);
  assert.deepEqual(found("我们市教育局要采购一批", "organization"), ["市教育局"]);
  assert.deepEqual(found("我儿子在北京四中上学", "organization"), ["北京四中"]);
  assert.deepEqual(found("我去医院了", "organization"), []);
});

test("English companies: suffixes, gazetteer, cues; a full stop is not part of the name", () => {
  assert.deepEqual(found("I'm the CTO of Brightwave Ltd.", "company"), ["Brightwave Ltd."]);
  assert.deepEqual(found("This is Anna Müller from Siemens AG.", "company"), ["Siemens AG"]);
  assert.deepEqual(found("We're Globex Corporation", "company"), ["Globex Corporation"]);
  assert.deepEqual(found("i work at amazon as a product manager", "company"), ["amazon"]);
  assert.deepEqual(found("i'm jenny, office manager at Baker & Sons LLC", "company"), ["Baker & Sons LLC"]);
  assert.deepEqual(found("we have a budget of 20k for Q1", "company"), []);
});

test("English organisations: University of X, X Hospital, known acronyms, lowercase councils", () => {
  assert.deepEqual(found("I'm a student at University of Toronto", "organization"), ["University of Toronto"]);
  assert.deepEqual(found("I'm a nurse at St. Mary's Hospital", "organization"), ["St. Mary's Hospital"]);
  assert.deepEqual(found("member of IEEE btw", "organization"), ["IEEE"]);
  assert.deepEqual(found("I'm with the city council", "organization"), ["city council"]);
});
