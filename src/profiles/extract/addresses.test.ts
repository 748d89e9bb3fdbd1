import { test } from "node:test";
import assert from "node:assert/strict";
import { found } from "./test-helpers.ts";

test("Chinese addresses: province, city, district, road, number; the verb before is not included", () => {
  assert.deepEqual(found("地址：上海市浦东新区张江路88号，寄到这里", "address"), ["上海市浦东新区张江路88号"]);
  assert.deepEqual(found("住成都市武侯区天府大道北段1700号", "address"), ["成都市武侯区天府大道北段1700号"]);
  assert.deepEqual(found("请寄到广东省广州市天河区天河路385号太古汇", "address"), ["广东省广州市天河区天河路385号太古汇"]);
  assert.deepEqual(found("我在杭州市西湖区文三路附近", "address"), ["杭州市西湖区文三路"]);
  assert.deepEqual(found("我在上海", "address"), []); // a bare city is too weak
});

test("English addresses: street, city, state and postcode; a place after 'live in'", () => {
  assert.deepEqual(found("ship to 221B Baker Street, London please", "address"), ["221B Baker Street, London"]);
  assert.deepEqual(found("send it to 10 Downing Street, London SW1A 2AA", "address"), ["10 Downing Street, London SW1A 2AA"]);
  assert.deepEqual(found("the office is at 350 Fifth Avenue, New York, NY 10118", "address"), ["350 Fifth Avenue, New York, NY 10118"]);
  assert.deepEqual(found("I live in Austin, Texas", "address"), ["Austin, Texas"]);
  assert.deepEqual(found("meet me at the Main Street cafe", "address"), []);
});
