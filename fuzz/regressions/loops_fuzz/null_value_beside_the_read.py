while True:
 return ()e:e.read()