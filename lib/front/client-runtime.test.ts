import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { isHtml, runsOnlyListedScripts, withoutClientRuntime } from "./client-runtime";

// The shape of a page as `next build` (Turbopack) writes it, shortened.
const PAGE = [
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/>`,
  `<link rel="stylesheet" href="/_next/static/chunks/0a1b.css" data-precedence="next"/>`,
  `<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/turbopack-5f2.js"/>`,
  `<script src="/_next/static/chunks/257mghfoz-7do.js" async=""></script>`,
  `<script src="/_next/static/chunks/main-app.js" async="" nomodule=""></script>`,
  `<script>try{var p=JSON.parse(localStorage.getItem("cms:reading")||"{}")}catch(e){}</script>`,
  `<title>报告</title></head><body><div hidden=""><!--$?--><template id="B:0"></template><!--/$--></div>`,
  `<main><h1>标题</h1><p>正文 self.__next_f 不是脚本</p>`,
  `<script type="application/ld+json">{"@type":"NewsArticle","headline":"标题"}</script>`,
  `<!--$?--><template id="B:1"></template><p>加载中</p><!--/$--></main>`,
  `<script>requestAnimationFrame(function(){$RT=performance.now()});</script>`,
  `<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/1j.js"],"runtimeModuleIds":[494553]});</script>`,
  `<div hidden id="S:0"></div><script>$RB=[];$RV=function(a){$RT=performance.now()};$RC=function(b,c){$RV(b,c)};$RC("B:0","S:0")</script>`,
  `<div hidden id="S:1"><div><p>流式内容 $& $1</p></div><script type="application/ld+json">{}</script></div><script>$RC("B:1","S:1")</script>`,
  `<script src="/_next/static/chunks/turbopack-5f2.js" id="_R_" async=""></script>`,
  `<script>(self.__next_f=self.__next_f||[]).push([0])</script>`,
  `<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[12,[],\\"default\\"]\\n"])</script>`,
  `<script>self.__next_f.push([1,"3:[\\"$\\",\\"h1\\",null,{\\"children\\":\\"标题 </p>\\"}]"])</script>`,
  `</body></html>`,
].join("");

describe("withoutClientRuntime", () => {
  const out = withoutClientRuntime(PAGE);

  it("drops Next's chunks, their preloads, the bundler's list and the RSC payload", () => {
    expect(out).not.toMatch(/\/_next\/static\/chunks\/[^"]*\.js/);
    expect(out).not.toContain("__next_f.push");
    expect(out).not.toContain(`as="script"`);
    expect(out).not.toContain("TURBOPACK");
  });

  it("puts streamed Suspense content where its fallback was, and drops React's scripts", () => {
    expect(out).toContain(`<div hidden=""><!--$--><!--/$--></div>`);
    expect(out).toContain(`</script><!--$--><div><p>流式内容 $& $1</p></div><script type="application/ld+json">{}</script><!--/$--></main>`);
    expect(out).not.toContain("加载中");
    expect(out).not.toMatch(/\$R[BVCT]|id="[BS]:\d"/);
  });

  it("leaves a boundary it cannot place as it came, with React's scripts", () => {
    const nested = PAGE.replace(`<p>加载中</p>`, `<!--$--><p>加载中</p><!--/$-->`);
    const kept = withoutClientRuntime(nested);
    expect(kept).toContain(`<template id="B:1"></template>`);
    expect(kept).toContain(`$RC("B:1","S:1")`);
    expect(kept).not.toContain("__next_f.push");
  });

  it("keeps the page, its stylesheet, the JSON-LD and our own script", () => {
    for (const kept of [
      `<link rel="stylesheet" href="/_next/static/chunks/0a1b.css" data-precedence="next"/>`,
      `<script>try{var p=JSON.parse(localStorage.getItem("cms:reading")||"{}")}catch(e){}</script>`,
      `<main><h1>标题</h1><p>正文 self.__next_f 不是脚本</p>`,
      `<script type="application/ld+json">{"@type":"NewsArticle","headline":"标题"}</script>`,
    ]) {
      expect(out).toContain(kept);
    }
    expect(out.endsWith("</main></body></html>")).toBe(true);
  });

  it("moves the icon links Next streamed into the body into the head, without Next's script for it", () => {
    const icons =
      `<link rel="icon" href="/favicon.ico?favicon.2v.ico" sizes="48x48" type="image/x-icon"/>` +
      `<link rel="apple-touch-icon" href="/apple-icon.png?apple-icon.3f.png" sizes="180x180" type="image/png"/>`;
    const mover = `<script>document.querySelectorAll('body link[rel="icon"], body link[rel="apple-touch-icon"]').forEach(el => document.head.appendChild(el))</script>`;
    const page = PAGE.replace(`<main>`, `<title>报告</title>${icons}${mover}<main>`);
    const moved = withoutClientRuntime(page);
    expect(moved).toContain(`${icons}</head>`);
    expect(moved.slice(moved.indexOf("</head>"))).not.toMatch(/rel="(icon|apple-touch-icon)"/);
    expect(moved).not.toContain("querySelectorAll");
    // Our own script and the JSON-LD stay where they were.
    expect(moved).toContain(`<script>try{var p=JSON.parse(localStorage.getItem("cms:reading")||"{}")}catch(e){}</script>`);
    expect(moved).toContain(`<script type="application/ld+json">{"@type":"NewsArticle","headline":"标题"}</script>`);
    expect(withoutClientRuntime(moved)).toBe(moved);
  });

  it("leaves a page without the runtime as it is", () => {
    expect(withoutClientRuntime(out)).toBe(out);
  });
});

describe("runsOnlyListedScripts", () => {
  const ours = `try{var p=JSON.parse(localStorage.getItem("cms:reading")||"{}")}catch(e){}`;
  const hashes = [`'sha256-${crypto.createHash("sha256").update(ours).digest("base64")}'`];

  it("accepts a stripped page: our own script by its hash, the JSON-LD as data", () => {
    expect(runsOnlyListedScripts(withoutClientRuntime(PAGE), hashes)).toBe(true);
  });

  it("refuses a page where React's scripts were left around a boundary it could not place", () => {
    const nested = withoutClientRuntime(PAGE.replace(`<p>加载中</p>`, `<!--$--><p>加载中</p><!--/$-->`));
    expect(runsOnlyListedScripts(nested, hashes)).toBe(false);
    expect(runsOnlyListedScripts(withoutClientRuntime(PAGE), [])).toBe(false);
  });
});

describe("isHtml", () => {
  it("is true for HTML pages only", () => {
    expect(isHtml("text/html; charset=utf-8")).toBe(true);
    expect(isHtml(["text/html"])).toBe(true);
    expect(isHtml("text/x-component")).toBe(false);
    expect(isHtml("application/rss+xml; charset=utf-8")).toBe(false);
    expect(isHtml(undefined)).toBe(false);
  });
});
