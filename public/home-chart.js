// The supervisor's compliance chart (ECharts, served by the app).
(function () {
  // The figures come in a data- attribute, not an inline script: the Content-Security-Policy allows only the app's own script files.
  var el = document.getElementById('compliance-chart');
  var data = el ? JSON.parse(el.getAttribute('data-chart') || '{}') : {};
  if (!el || !window.echarts || !data.units) return;
  if (!data.units.length) { el.textContent = '本月暂无可统计的清单项'; el.style.height = 'auto'; return; }
  var chart = window.echarts.init(el);
  chart.setOption({
    grid: { left: 48, right: 16, top: 24, bottom: 80 },
    tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + '%'; } },
    xAxis: { type: 'category', data: data.units, axisLabel: { rotate: 40, interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ type: 'bar', data: data.rates, itemStyle: { color: '#b71c1c' }, label: { show: data.units.length <= 20, position: 'top', formatter: '{c}%' } }],
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
