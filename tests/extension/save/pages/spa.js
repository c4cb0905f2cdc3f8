document.getElementById('go').addEventListener('click', () => location.assign('thanks.html'));
