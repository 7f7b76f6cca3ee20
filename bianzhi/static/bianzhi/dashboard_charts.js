/* The dashboard's charts (moved out of the template: no inline script under the CSP). */
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var colors = ["#8c959f", "#0b57d0", "#9a6700", "#1a7f37", "#b3261e", "#6e40c9"];
  new Chart(document.getElementById("regionChart"), {type: "bar",
    data: {labels: data.labels, datasets: data.series.map(function (s, i) { return {label: s.label, data: s.data, backgroundColor: colors[i]}; })},
    options: {animation: false, responsive: true, maintainAspectRatio: false, scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}});
  var states = Object.keys(data.states);
  new Chart(document.getElementById("stateChart"), {type: "doughnut",
    data: {labels: states, datasets: [{data: states.map(function (k) { return data.states[k]; }), backgroundColor: colors.concat(["#bf8700", "#57606a"])}]},
    options: {animation: false, responsive: true, maintainAspectRatio: false}});
})();
