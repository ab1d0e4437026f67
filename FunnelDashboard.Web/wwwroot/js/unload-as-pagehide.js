// Blazor's script (taken from .NET 9, see the csproj) tells the server the circuit is over from an 'unload' handler:
// deprecated, and it keeps the page out of the back/forward cache. 'pagehide' is the supported event. Loaded before it.
(function () {
    var add = window.addEventListener;
    window.addEventListener = function (type, listener, options) {
        return add.call(this, type === 'unload' ? 'pagehide' : type, listener, options);
    };
})();
