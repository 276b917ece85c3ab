// Mark each deadline as ahead or past by the reader's own date (the built page
// marks them relative to the newest issue, so the files do not change daily).
(function () {
  const now = new Date();
  const today = [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"), String(now.getDate()).padStart(2, "0")].join("-");
  for (const row of document.querySelectorAll("li.deadline[data-date]")) {
    const ahead = row.dataset.date >= today;
    row.classList.toggle("ahead", ahead);
    row.classList.toggle("past", !ahead);
  }
})();
