"use client";

import { useEffect, useRef } from "react";

export interface StatsChartSeries {
  months: string[];
  series: { name: string; data: number[] }[];
}

/** Apache ECharts, loaded only when the statistics page is opened (it is a large library). */
export function StatsChart({ data, title }: { data: StatsChartSeries; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    void import("echarts").then((echarts) => {
      if (disposed || !ref.current) return;
      const instance = echarts.init(ref.current, undefined, { renderer: "svg" });
      instance.setOption({
        title: { text: title, left: "center", textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 40, right: 20, top: 40, bottom: 40 },
        xAxis: { type: "category", data: data.months },
        yAxis: { type: "value", minInterval: 1 },
        series: data.series.map((s) => ({ name: s.name, type: "bar", data: s.data })),
      });
      chart = instance;
      ref.current.dataset.ready = "true";
      window.addEventListener("resize", onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener("resize", onResize);
      chart?.dispose();
    };
  }, [data, title]);
  return <div ref={ref} className="h-72 w-full rounded-lg border border-rule bg-white" data-testid="stats-chart" role="img" aria-label={title} />;
}
