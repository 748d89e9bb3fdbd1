import { test } from "node:test";
import assert from "node:assert/strict";
import { amountValue, parseChineseNumber } from "./amounts.ts";
import { facts, found } from "./test-helpers.ts";

const amount = (text: string) => facts(text).find((f) => f.type === "amount");

test("amounts: 5万, ￥3000, 三千块, 12800元 with their values", () => {
  assert.deepEqual(found("预算大概5万左右", "amount"), ["5万"]);
  assert.equal(amount("预算大概5万左右")?.value, "50000 CNY");
  assert.equal(amount("预算大概5万左右")?.role, "budget");
  assert.deepEqual(found("价格￥3000行不行", "amount"), ["￥3000"]);
  assert.equal(amount("帮我问下三千块能不能搞定")?.value, "3000 CNY");
  assert.deepEqual(found("订单金额12800元", "amount"), ["12800元"]);
});

test("amounts: $2.5k, budget of 20k, €1,200, 5000 dollars", () => {
  assert.equal(amount("Our budget for this is $2.5k")?.value, "2500 USD");
  assert.deepEqual(found("we have a budget of 20k for Q1", "amount"), ["20k"]);
  assert.equal(amount("we have a budget of 20k")?.role, "budget");
  assert.deepEqual(found("total was €1,200 right?", "amount"), ["€1,200"]);
  assert.equal(amount("we can pay 5000 dollars upfront")?.value, "5000 USD");
});

test("amounts: a bare number only in a price phrase; counts of things are not money", () => {
  assert.deepEqual(found("能不能2500给我", "amount"), ["2500"]);
  assert.deepEqual(found("我们有2500个员工", "amount"), []);
  assert.deepEqual(found("来了5万人", "amount"), []);
  assert.deepEqual(found("room 2500 please", "amount"), []);
});

test("amount values: Chinese numerals and magnitudes", () => {
  assert.equal(parseChineseNumber("两万五千"), 25000);
  assert.equal(parseChineseNumber("三千"), 3000);
  assert.equal(amountValue("$1.2k"), 1200);
  assert.equal(amountValue("8千"), 8000);
});
