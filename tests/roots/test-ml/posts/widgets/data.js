window.HEATMAP = {"cells": [1, 2, 3]};
