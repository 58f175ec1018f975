"""The network: fetching papers for `digest import`."""
